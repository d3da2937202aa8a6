namespace EdgeAgent.Evaluation;

/// <summary>
/// One run of a check's probe: the status the probe itself determined (a process missing, a
/// plugin's exit code, a refused connection) and the measured value, if any.
/// </summary>
internal sealed record ProbeOutcome(CheckStatus Status, double? Value, string Unit, string Message)
{
    public static ProbeOutcome Unknown(string message) => new(CheckStatus.Unknown, null, string.Empty, message);

    public static ProbeOutcome Measured(double value, string unit, string message) =>
        new(CheckStatus.Ok, value, unit, message);
}
