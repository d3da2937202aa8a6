namespace StatusSite.Domain;

/// <summary>Statuspage's component status enum values, with severity ranks and display text.</summary>
internal static class ComponentStatus
{
    public const string Operational = "operational";
    public const string DegradedPerformance = "degraded_performance";
    public const string PartialOutage = "partial_outage";
    public const string MajorOutage = "major_outage";
    public const string UnderMaintenance = "under_maintenance";

    public static readonly IReadOnlyList<string> All =
        [Operational, DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance];

    public static bool IsValid(string? value) => value is not null && All.Contains(value);

    /// <summary>Higher is worse; maintenance ranks between degraded and outages so an outage wins.</summary>
    public static int Rank(string status) => status switch
    {
        Operational => 0,
        UnderMaintenance => 1,
        DegradedPerformance => 2,
        PartialOutage => 3,
        MajorOutage => 4,
        _ => 0,
    };

    public static string Label(string status) => status switch
    {
        Operational => "Operational",
        DegradedPerformance => "Degraded performance",
        PartialOutage => "Partial outage",
        MajorOutage => "Major outage",
        UnderMaintenance => "Under maintenance",
        _ => status,
    };

    public static bool IsOutage(string status) => status is PartialOutage or MajorOutage;

    /// <summary>The edge reports a damped, flapping site as degraded with a cause starting "flapping".</summary>
    public static bool IsFlapping(Component c) =>
        c.Automatic && c.Status == DegradedPerformance && c.Cause?.StartsWith("flapping", StringComparison.Ordinal) == true;

    public static string Worst(IEnumerable<string> statuses) =>
        statuses.DefaultIfEmpty(Operational).MaxBy(Rank) ?? Operational;
}
