using System.Text.Json.Serialization;

namespace SorryEdge.Sites;

/// <summary>Active probe settings; the defaults are fast so a takeover is quick.</summary>
internal sealed record SiteHealthSettings
{
    public string Path { get; init; } = "/";

    public int IntervalMs { get; init; } = 1000;

    /// <summary>
    /// Probe interval while a backend is down or changing state (HAProxy's <c>fastinter</c>);
    /// null means a quarter of <see cref="IntervalMs"/>, at least 100 ms.
    /// </summary>
    public int? FastIntervalMs { get; init; }

    public int TimeoutMs { get; init; } = 500;

    [JsonIgnore]
    public TimeSpan EffectiveFastInterval => TimeSpan.FromMilliseconds(FastIntervalMs ?? Math.Max(100, IntervalMs / 4));

    public int Rise { get; init; } = 2;

    public int Fall { get; init; } = 2;

    /// <summary>Accepted probe status codes as a range, e.g. <c>200-399</c> or <c>200</c>.</summary>
    public string ExpectedStatus { get; init; } = "200-399";
}
