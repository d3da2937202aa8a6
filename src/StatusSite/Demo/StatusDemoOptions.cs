namespace StatusSite.Demo;

/// <summary>Demo seeding (Status:Demo).</summary>
public sealed class StatusDemoOptions
{
    /// <summary>Seeds a few grouped components when the database has none.</summary>
    public bool Enabled { get; set; }
}
