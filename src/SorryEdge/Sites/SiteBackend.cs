namespace SorryEdge.Sites;

/// <summary>One HTTP backend of a site.</summary>
internal sealed record SiteBackend
{
    public string Url { get; init; } = "";

    /// <summary>Relative share of traffic, 1–1000.</summary>
    public int Weight { get; init; } = 100;

    /// <summary>Optional EdgeAgent <c>/health</c> URL whose verdict drains or lightens this backend.</summary>
    public string? AgentUrl { get; init; }
}
