using SorryEdge.Damping;

namespace SorryEdge.Health;

/// <summary>
/// The wire word of each health state, one each: the event log, the API, the CLI, the portal, mail and
/// the cluster's keys all write these.
/// </summary>
internal static class HealthWords
{
    /// <summary>A destination's probe verdict (<see cref="HealthVerdict"/>): what the API's <c>health</c> says.</summary>
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Unknown = "unknown";

    /// <summary>A site's state: every backend down or not; the damped, published state adds <see cref="Flapping"/>.</summary>
    public const string Up = "up";
    public const string Down = "down";
    public const string Flapping = "flapping";

    public static string Of(HealthVerdict verdict) => verdict switch
    {
        HealthVerdict.Healthy => Healthy,
        HealthVerdict.Unhealthy => Unhealthy,
        _ => Unknown,
    };

    public static string Of(PublishedState state) => state switch
    {
        PublishedState.Down => Down,
        PublishedState.Flapping => Flapping,
        _ => Up,
    };

    /// <summary>An EdgeAgent's verdict: <c>unknown</c>, <c>green</c>, <c>orange</c> or <c>red</c>.</summary>
    public static string Of(AgentVerdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string Site(bool down) => down ? Down : Up;
}
