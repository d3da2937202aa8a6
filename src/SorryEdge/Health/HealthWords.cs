namespace SorryEdge.Health;

/// <summary>
/// The wire word of each destination health state, one each: the event log, the API, the CLI, the
/// portal and mail all write these. A site's state has its words in <see cref="Sites.SiteStateWords"/>.
/// </summary>
internal static class HealthWords
{
    /// <summary>A destination's probe verdict (<see cref="HealthVerdict"/>): what the API's <c>health</c> says.</summary>
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Unknown = "unknown";

    public static string Of(HealthVerdict verdict) => verdict switch
    {
        HealthVerdict.Healthy => Healthy,
        HealthVerdict.Unhealthy => Unhealthy,
        _ => Unknown,
    };

    /// <summary>An EdgeAgent's verdict: <c>unknown</c>, <c>green</c>, <c>orange</c> or <c>red</c>.</summary>
    public static string Of(AgentVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
