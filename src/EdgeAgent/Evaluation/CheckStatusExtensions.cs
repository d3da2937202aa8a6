namespace EdgeAgent.Evaluation;

/// <summary>Severity helpers and the wire names of <see cref="CheckStatus"/>.</summary>
internal static class CheckStatusExtensions
{
    public static CheckStatus Worst(this CheckStatus a, CheckStatus b) => a >= b ? a : b;

    public static string ToWire(this CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Critical => "critical",
        _ => "unknown",
    };

    /// <summary>Nagios plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 (or anything else) UNKNOWN.</summary>
    public static CheckStatus FromExitCode(int exitCode) => exitCode switch
    {
        0 => CheckStatus.Ok,
        1 => CheckStatus.Warning,
        2 => CheckStatus.Critical,
        _ => CheckStatus.Unknown,
    };
}
