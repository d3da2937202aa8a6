namespace SorryEdge.Configuration;

/// <summary>TLS settings, section <c>Edge:Tls</c>.</summary>
internal sealed class EdgeTlsOptions
{
    /// <summary>
    /// Folder of PEM pairs, <c>NAME.crt</c> (certificate chain) and <c>NAME.key</c> (private key);
    /// each certificate serves the DNS names it carries, like HAProxy's <c>crt</c> directory.
    /// </summary>
    public string? CertificateDirectory { get; set; }
}
