using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>Everything the takeover decision depends on, for one request at one instant.</summary>
/// <param name="Mode">The site's configured mode.</param>
/// <param name="ModeUntil">When a manual mode ends by itself; null for until further notice.</param>
/// <param name="Schedules">The site's maintenance windows.</param>
/// <param name="Action">What to answer when the backends cannot.</param>
/// <param name="Bypassed">The request comes from a bypass network or carries the bypass cookie.</param>
/// <param name="HasAvailableDestination">At least one destination is healthy or not yet known.</param>
/// <param name="Latched">The site fell over under manual failback and nobody has resumed it yet.</param>
/// <param name="Now">The instant of the request.</param>
internal readonly record struct DecisionInput(
    SiteMode Mode,
    DateTimeOffset? ModeUntil,
    IReadOnlyList<MaintenanceWindow> Schedules,
    TakeoverAction Action,
    bool Bypassed,
    bool HasAvailableDestination,
    bool Latched,
    DateTimeOffset Now);
