namespace EdgeAgent.Scheduling;

/// <summary>Source-generated log messages of the scheduler.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Check {Check} failed to run; it reads as unknown")]
    public static partial void CheckFailedToRun(ILogger logger, string check, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Check {Check} changed to {Status} (hard {Hard}, flapping {Flapping}): {Message}")]
    public static partial void CheckChanged(ILogger logger, string check, string status, bool hard, bool flapping, string message);

    [LoggerMessage(3, LogLevel.Warning, "Result of check {Check} could not be stored")]
    public static partial void HistoryWriteFailed(ILogger logger, string check, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Pruned {Count} old results from the history")]
    public static partial void Pruned(ILogger logger, int count);

    [LoggerMessage(5, LogLevel.Warning, "History pruning failed")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Verdict changed from {Before} to {After}")]
    public static partial void VerdictChanged(ILogger logger, string before, string after);
}
