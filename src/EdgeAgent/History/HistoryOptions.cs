namespace EdgeAgent.History;

/// <summary>Bounds of the result history (section "Agent:History").</summary>
internal sealed class HistoryOptions
{
    public const string SectionName = "Agent:History";

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    public int MaxRowsPerCheck { get; set; } = 5000;

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);
}
