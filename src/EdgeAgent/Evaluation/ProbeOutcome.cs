namespace EdgeAgent.Evaluation;

/// <summary>
/// One run of a check's probe: the status the probe itself determined (a process missing, a
/// plugin's exit code, a refused connection) and the measured value, if any.
/// </summary>
internal sealed record ProbeOutcome(CheckStatus Status, double? Value, string Unit, string Message)
{
    /// <summary>A plugin's own warning range from its perfdata, shown when the check has none configured.</summary>
    public string? PluginWarning { get; init; }

    /// <summary>A plugin's own critical range from its perfdata.</summary>
    public string? PluginCritical { get; init; }

    public static ProbeOutcome Unknown(string message) => new(CheckStatus.Unknown, null, string.Empty, message);

    public static ProbeOutcome Measured(double value, string unit, string message) =>
        new(CheckStatus.Ok, value, unit, message);
}
