namespace EdgeAgent.History;

/// <summary>One stored check result.</summary>
internal sealed record HistoryRecord(string Check, DateTimeOffset At, string Status, bool Hard, bool Flapping,
    double? Value, string Message);
