namespace SorryEdge.Configuration;

/// <summary>The demo appliance, section <c>Edge:Demo</c>: a backend the edge fronts, and a seeded site.</summary>
internal sealed class EdgeDemoOptions
{
    public bool Enabled { get; set; }

    /// <summary>Where the demo backend listens.</summary>
    public string BackendListen { get; set; } = "http://127.0.0.1:8082";

    /// <summary>Status site URL shown in the banner, if one runs beside the edge.</summary>
    public string? StatusSiteUrl { get; set; }
}
