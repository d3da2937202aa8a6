namespace SorryEdge.Sites;

/// <summary>A scheduled window during which the site answers as if in <see cref="Mode"/>.</summary>
internal sealed record MaintenanceWindow
{
    public string Id { get; init; } = "";

    public DateTimeOffset Start { get; init; }

    public DateTimeOffset End { get; init; }

    /// <summary><see cref="SiteMode.Maintenance"/> or <see cref="SiteMode.Redirect"/>.</summary>
    public SiteMode Mode { get; init; } = SiteMode.Maintenance;

    public bool IsOpenAt(DateTimeOffset now) => Start <= now && now < End;
}
