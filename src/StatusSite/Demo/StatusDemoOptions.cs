namespace StatusSite.Demo;

/// <summary>Demo seeding (Status:Demo).</summary>
internal sealed class StatusDemoOptions
{
    public const string SectionName = "Status:Demo";

    /// <summary>Seeds a few grouped components when the database has none.</summary>
    public bool Enabled { get; set; }
}
