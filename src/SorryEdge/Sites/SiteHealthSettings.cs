namespace SorryEdge.Sites;

/// <summary>Active probe settings; the defaults are fast so a takeover is quick.</summary>
public sealed record SiteHealthSettings
{
    public string Path { get; init; } = "/";

    public int IntervalMs { get; init; } = 1000;

    public int TimeoutMs { get; init; } = 500;

    public int Rise { get; init; } = 2;

    public int Fall { get; init; } = 2;

    /// <summary>Accepted probe status codes as a range, e.g. <c>200-399</c> or <c>200</c>.</summary>
    public string ExpectedStatus { get; init; } = "200-399";
}
