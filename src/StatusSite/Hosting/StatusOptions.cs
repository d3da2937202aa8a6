using StatusSite.Auth;
using StatusSite.Demo;
using StatusSite.Ingest;
using StatusSite.Public;
using StatusSite.Subscribers;

namespace StatusSite.Hosting;

/// <summary>Root configuration of the status site (section "Status").</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Status";

    /// <summary>Folder holding status.db; relative paths are resolved against the working directory.</summary>
    public string DataDirectory { get; set; } = "data-status";

    public StatusListenOptions Listen { get; set; } = new();

    public StatusAdminOptions Admin { get; set; } = new();

    public StatusIngestOptions Ingest { get; set; } = new();

    public StatusDemoOptions Demo { get; set; } = new();

    public StatusPageOptions Page { get; set; } = new();

    public StatusNotificationOptions Notifications { get; set; } = new();
}
