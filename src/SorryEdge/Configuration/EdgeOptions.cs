namespace SorryEdge.Configuration;

/// <summary>The edge's configuration, section <c>Edge</c> (environment: <c>Edge__…</c>).</summary>
internal sealed class EdgeOptions
{
    public const string SectionName = "Edge";

    /// <summary>Where the SQLite database and uploaded pages live.</summary>
    public string DataDirectory { get; set; } = "./data";

    public EdgeListenOptions Listen { get; set; } = new();

    public EdgeAdminOptions Admin { get; set; } = new();

    public EdgeTlsOptions Tls { get; set; } = new();

    public EdgeDemoOptions Demo { get; set; } = new();

    public EdgeLimitsOptions Limits { get; set; } = new();
}
