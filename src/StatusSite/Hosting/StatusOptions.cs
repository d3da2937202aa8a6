namespace StatusSite.Hosting;

/// <summary>
/// Root configuration of the status site (section "Status"): the data directory and the listener. Each feature
/// binds its own subsection beside its code (Status:Admin, Status:Ingest, Status:Demo, Status:Page, Status:Notifications).
/// </summary>
internal sealed class StatusOptions
{
    public const string SectionName = "Status";

    /// <summary>Folder holding status.db; relative paths are resolved against the working directory.</summary>
    public string DataDirectory { get; set; } = "data-status";

    public StatusListenOptions Listen { get; set; } = new();
}
