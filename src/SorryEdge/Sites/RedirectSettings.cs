namespace SorryEdge.Sites;

/// <summary>Where a redirect goes. Never 301: a permanent redirect would outlive the outage in caches.</summary>
internal sealed record RedirectSettings
{
    public string Url { get; init; } = "";

    public int Status { get; init; } = 302;

    /// <summary>Append the request's path and query to <see cref="Url"/>.</summary>
    public bool KeepPath { get; init; }
}
