using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>
/// A site as the admin API answers it: the configuration's fields in <see cref="Site"/>'s order,
/// then the stored version, the time of the last write and the live state.
/// </summary>
/// <remarks>
/// Typed (not a JSON object patched after serialisation) so the OpenAPI document shows its
/// schema. A field added to <see cref="Site"/> must be added here too; a unit test compares the
/// two serialisations and fails when they differ.
/// </remarks>
internal sealed record SiteView
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Customer { get; init; }

    public required IReadOnlyList<string> Hostnames { get; init; }

    public required IReadOnlyList<SiteBackend> Backends { get; init; }

    public required SiteHealthSettings Health { get; init; }

    public SiteMode Mode { get; init; }

    public DateTimeOffset? ModeUntil { get; init; }

    public TakeoverAction Action { get; init; }

    public RedirectSettings? Redirect { get; init; }

    public FailbackMode Failback { get; init; }

    public int RetryAfterSeconds { get; init; }

    public string? Message { get; init; }

    public required BypassSettings Bypass { get; init; }

    public required IReadOnlyList<MaintenanceWindow> Schedules { get; init; }

    public int ConnectTimeoutMs { get; init; }

    public int ResponseTimeoutMs { get; init; }

    public SmtpSettings? Smtp { get; init; }

    public required Sites.DampingSettings Damping { get; init; }

    public string? StatusComponent { get; init; }

    public required IReadOnlyList<string> NotifyEmails { get; init; }

    /// <summary>Increments on every write.</summary>
    public long Version { get; init; }

    /// <summary>When the site was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public required SiteStateView State { get; init; }

    public static SiteView Build(SiteEntry entry, Health.DestinationHealthTracker tracker, DateTimeOffset now) =>
        From(entry.Record, SiteStateView.Build(entry, tracker, now));

    public static SiteView From(SiteRecord record, SiteStateView state)
    {
        var site = record.Site;
        return new SiteView
        {
            Id = site.Id,
            Name = site.Name,
            Customer = site.Customer,
            Hostnames = site.Hostnames,
            Backends = site.Backends,
            Health = site.Health,
            Mode = site.Mode,
            ModeUntil = site.ModeUntil,
            Action = site.Action,
            Redirect = site.Redirect,
            Failback = site.Failback,
            RetryAfterSeconds = site.RetryAfterSeconds,
            Message = site.Message,
            Bypass = site.Bypass,
            Schedules = site.Schedules,
            ConnectTimeoutMs = site.ConnectTimeoutMs,
            ResponseTimeoutMs = site.ResponseTimeoutMs,
            Smtp = site.Smtp,
            Damping = site.Damping,
            StatusComponent = site.StatusComponent,
            NotifyEmails = site.NotifyEmails,
            Version = record.Version,
            UpdatedAt = record.UpdatedAt,
            State = state,
        };
    }
}
