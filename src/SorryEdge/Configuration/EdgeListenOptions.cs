namespace SorryEdge.Configuration;

/// <summary>Listener addresses, section <c>Edge:Listen</c>. Each is one URL with an IP literal or <c>localhost</c>.</summary>
internal sealed class EdgeListenOptions
{
    /// <summary>Data plane, plain HTTP.</summary>
    public string? Http { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Data plane, HTTPS with a certificate chosen by SNI from <c>Edge:Tls:CertificateDirectory</c>.</summary>
    public string? Https { get; set; }

    /// <summary>Admin API, metrics and portal — loopback unless deliberately configured otherwise.</summary>
    public string Admin { get; set; } = "http://127.0.0.1:8081";
}
