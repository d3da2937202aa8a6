namespace SorryEdge.Hosting;

/// <summary>Admin API settings, section <c>Edge:Admin</c>.</summary>
public sealed class EdgeAdminOptions
{
    /// <summary>A staff token accepted while it is set; meant for first set-up, scripts and the demo.</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>Largest admin request body, in bytes (JSON; uploads have their own limit).</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;
}
