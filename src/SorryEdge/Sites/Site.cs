using System.Text.Json.Serialization;

namespace SorryEdge.Sites;

/// <summary>One customer service behind the edge, as configured through the admin API.</summary>
internal sealed record Site
{
    public string Id { get; init; } = "";

    /// <summary>Name shown on the sorry page; the id when empty.</summary>
    public string? Name { get; init; }

    /// <summary>Owning customer id; null for staff-only sites.</summary>
    public string? Customer { get; init; }

    public IReadOnlyList<string> Hostnames { get; init; } = [];

    public IReadOnlyList<SiteBackend> Backends { get; init; } = [];

    public SiteHealthSettings Health { get; init; } = new();

    public SiteMode Mode { get; init; } = SiteMode.Auto;

    /// <summary>When a manual mode switch ends by itself; null for until further notice.</summary>
    public DateTimeOffset? ModeUntil { get; init; }

    public TakeoverAction Action { get; init; } = TakeoverAction.Sorry;

    public RedirectSettings? Redirect { get; init; }

    public FailbackMode Failback { get; init; } = FailbackMode.Auto;

    public int RetryAfterSeconds { get; init; } = 120;

    /// <summary>Text shown on the sorry page.</summary>
    public string? Message { get; init; }

    public BypassSettings Bypass { get; init; } = new();

    public IReadOnlyList<MaintenanceWindow> Schedules { get; init; } = [];

    public int ConnectTimeoutMs { get; init; } = 2000;

    public int ResponseTimeoutMs { get; init; } = 30000;

    public SmtpSettings? Smtp { get; init; }

    /// <summary>Flap damping of what is published about the site (status site, notifications); routing is never damped.</summary>
    public DampingSettings Damping { get; init; } = new();

    /// <summary>Status-site component this site's state is published to (staff map several sites to one); null: the site's own, hidden until staff publish it.</summary>
    public string? StatusComponent { get; init; }

    /// <summary>Addresses told by mail when the site goes down, comes back, enters or leaves maintenance (the customer's own).</summary>
    public IReadOnlyList<string> NotifyEmails { get; init; } = [];

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
