namespace EdgeAgent.Evaluation;

/// <summary>
/// The life of one check: thresholds with their clear band, then soft/hard, then flap
/// damping, producing the snapshot the verdict and the board use. Pure: time is passed in.
/// </summary>
internal sealed class CheckStateMachine
{
    private readonly string _name;
    private readonly string _kind;
    private readonly ThresholdEvaluator _thresholds;
    private readonly SoftHardStateMachine _softHard;
    private readonly FlapDetector _flap;
    private CheckStatus _previousThresholdStatus = CheckStatus.Ok;

    public CheckStateMachine(string name, string kind, ThresholdEvaluator thresholds, int maxAttempts,
        double flapLow, double flapHigh, DateTimeOffset now)
    {
        _name = name;
        _kind = kind;
        _thresholds = thresholds;
        _softHard = new SoftHardStateMachine(maxAttempts);
        _flap = new FlapDetector(flapLow, flapHigh);
        Snapshot = CheckSnapshot.Pending(name, kind, now);
    }

    public CheckSnapshot Snapshot { get; private set; }

    public CheckSnapshot Apply(ProbeOutcome outcome, DateTimeOffset now)
    {
        var status = outcome.Status;
        var message = outcome.Message;
        if (_thresholds.HasThresholds)
        {
            if (outcome.Value is { } value)
            {
                _previousThresholdStatus = _thresholds.Evaluate(value, _previousThresholdStatus);
                status = status.Worst(_previousThresholdStatus);
            }
            else if (status == CheckStatus.Ok)
            {
                status = CheckStatus.Unknown;
                message = $"{message} (no value to compare with the thresholds)".Trim();
            }
        }

        _softHard.Apply(status);
        _flap.Record(status);

        var reported = _softHard.Current;
        var hard = _softHard.IsHard;
        if (_flap.IsFlapping)
        {
            reported = _flap.WorstInWindow;
            hard = true;
        }

        var previous = Snapshot;
        var since = previous.LastRun is null || previous.Status != reported || previous.Hard != hard
            ? now
            : previous.Since;
        Snapshot = new CheckSnapshot(_name, _kind, reported, hard, _flap.IsFlapping, _flap.PercentStateChange,
            outcome.Value, outcome.Unit, message, since, now, _softHard.Attempt)
        {
            PluginWarning = outcome.PluginWarning,
            PluginCritical = outcome.PluginCritical,
        };
        return Snapshot;
    }
}
