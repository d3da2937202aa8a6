namespace StatusSite.Domain;

/// <summary>One day of a component's history bar: the worst state and the minutes spent in an outage.</summary>
internal sealed record DayHistory(DateOnly Day, string Worst, int DowntimeMinutes);
