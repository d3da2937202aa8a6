namespace StatusSite.Domain;

/// <summary>A component status change, the raw material of the 90-day history bar.</summary>
internal sealed record HistoryPoint(string ComponentId, DateTimeOffset At, string Status);
