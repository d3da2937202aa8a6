namespace SorryEdge.StatusFeed;

/// <summary>Where the edge reports site state, section <c>Edge:StatusSite</c>. Unset <see cref="Url"/> turns the feed off.</summary>
internal sealed class StatusSiteOptions
{
    public const string SectionName = "Edge:StatusSite";

    /// <summary>Base URL of the status site, e.g. <c>http://127.0.0.1:8090</c>.</summary>
    public string? Url { get; set; }

    /// <summary>An ingest token of the status site.</summary>
    public string? Token { get; set; }

    /// <summary>Group the sites' components are shown under.</summary>
    public string Group { get; set; } = "Customer sites";

    /// <summary>Names this edge node in event ids, so several nodes never collide.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Longest wait between retries while the status site is unreachable.</summary>
    public int MaxBackoffMs { get; set; } = 60000;
}
