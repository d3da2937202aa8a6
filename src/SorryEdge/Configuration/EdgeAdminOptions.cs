namespace SorryEdge.Configuration;

/// <summary>Admin API settings, section <c>Edge:Admin</c>.</summary>
internal sealed class EdgeAdminOptions
{
    /// <summary>A staff token accepted while it is set; meant for first set-up, scripts and the demo.</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>Largest admin request body, in bytes (JSON; uploads have their own limit).</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Host names the admin listener answers (port ignored; <c>*.example.com</c> wildcards allowed).
    /// Anything else gets 400, which defeats DNS rebinding. Empty: the loopback names
    /// (<see cref="LoopbackHosts"/>). A configured list replaces them.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>The URL people use to reach the admin listener (through a TLS proxy, say); https makes the portal cookie Secure.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Failed bearer tokens and portal logins allowed per client address per minute before 429.</summary>
    public int FailedAuthPerMinute { get; set; } = 10;
}
