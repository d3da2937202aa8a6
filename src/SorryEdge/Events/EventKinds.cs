namespace SorryEdge.Events;

/// <summary>
/// The kinds of <see cref="EdgeEvent"/>, one wire form each: the event log, the API's
/// <c>/events</c>, the cluster log, notifications and the status feed all use these words.
/// </summary>
internal static class EventKinds
{
    public const string SiteCreated = "site.created";
    public const string SiteUpdated = "site.updated";
    public const string SiteDeleted = "site.deleted";

    /// <summary>Every backend of the site went down, or one came back (the raw verdict, before damping).</summary>
    public const string SiteDown = "site.down";
    public const string SiteUp = "site.up";

    /// <summary>The state the damping publisher reports (up, down or flapping): what notifications and the status site follow.</summary>
    public const string SitePublished = "site.published";

    public const string Mode = "mode";
    public const string Resume = "resume";
    public const string FailbackLatched = "failback.latched";
    public const string ScheduleCreated = "schedule.created";
    public const string ScheduleCancelled = "schedule.cancelled";
    public const string ScheduleStart = "schedule.start";
    public const string ScheduleEnd = "schedule.end";
    public const string BypassChanged = "bypass.changed";
    public const string BypassRotated = "bypass.rotated";
    public const string SmtpMode = "smtp.mode";
    public const string SmtpDomains = "smtp.domains";
    public const string SmtpBackendDown = "smtp.backend.down";
    public const string SmtpBackendUp = "smtp.backend.up";

    /// <summary>In cluster mode, one node's own view of the site (the cluster's <see cref="SiteDown"/> needs a majority).</summary>
    public const string NodeSiteDown = "node.site.down";
    public const string NodeSiteUp = "node.site.up";

    /// <summary>A destination's probe verdict turned unhealthy, or healthy (from and to are <see cref="Health.HealthWords"/>).</summary>
    public const string DestinationDown = "destination.down";
    public const string DestinationUp = "destination.up";
    public const string DestinationAgent = "destination.agent";

    public const string PageUploaded = "page.uploaded";
    public const string PageActivated = "page.activated";
    public const string PageDeleted = "page.deleted";
    public const string CustomerCreated = "customer.created";
    public const string TokenIssued = "token.issued";
    public const string TokenRevoked = "token.revoked";
    public const string NotifyChanged = "notify.changed";
    public const string NotificationFailed = "notification.failed";
    public const string StatusReconciled = "status.reconciled";
}
