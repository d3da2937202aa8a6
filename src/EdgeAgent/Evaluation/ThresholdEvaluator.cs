namespace EdgeAgent.Evaluation;

/// <summary>
/// Turns a measured value into ok/warning/critical with Nagios ranges, with an enter/clear
/// band: entering a worse level happens at the threshold, leaving it only once the value is
/// <see cref="Hysteresis"/> back inside the better region, so a value hovering at the
/// threshold does not toggle.
/// </summary>
internal sealed class ThresholdEvaluator(NagiosRange? warning, NagiosRange? critical, double hysteresis = 0)
{
    public NagiosRange? Warning { get; } = warning;

    public NagiosRange? Critical { get; } = critical;

    public double Hysteresis { get; } = hysteresis;

    public bool HasThresholds => Warning is not null || Critical is not null;

    public CheckStatus Evaluate(double value, CheckStatus previous)
    {
        var entered = Level(value, 0);
        if (Hysteresis <= 0 || entered >= previous || previous == CheckStatus.Unknown)
        {
            return entered;
        }

        // Improving: the value must clear the previous level's band, else that level holds.
        var held = Level(value, Hysteresis);
        return held.Worst(entered) >= previous ? previous : held.Worst(entered);
    }

    private CheckStatus Level(double value, double margin)
    {
        if (Critical is not null && Critical.Alerts(value, margin))
        {
            return CheckStatus.Critical;
        }

        return Warning is not null && Warning.Alerts(value, margin) ? CheckStatus.Warning : CheckStatus.Ok;
    }
}
