namespace EdgeAgent.Evaluation;

/// <summary>
/// Nagios-style flap detection: the weighted percent of state changes over the last 21
/// results (newer changes weigh more, 0.75 to 1.25). Flapping starts at or above the high
/// threshold and stops below the low one; while flapping, the check is held at the worst
/// state in the window instead of toggling.
/// </summary>
internal sealed class FlapDetector(double lowThreshold, double highThreshold)
{
    public const int WindowSize = 21;
    private const double LowWeight = 0.75;
    private const double HighWeight = 1.25;

    private readonly Queue<CheckStatus> _window = new(WindowSize);

    public double PercentStateChange { get; private set; }

    public bool IsFlapping { get; private set; }

    public CheckStatus WorstInWindow => _window.Count == 0 ? CheckStatus.Ok : _window.Max();

    public void Record(CheckStatus status)
    {
        if (_window.Count == WindowSize)
        {
            _window.Dequeue();
        }

        _window.Enqueue(status);
        PercentStateChange = Compute();
        if (!IsFlapping && PercentStateChange >= highThreshold)
        {
            IsFlapping = true;
        }
        else if (IsFlapping && PercentStateChange < lowThreshold)
        {
            IsFlapping = false;
        }
    }

    private double Compute()
    {
        var states = _window.ToArray();

        // A window that is not full yet holds the newest results: weigh them as such.
        var offset = WindowSize - states.Length;
        double changes = 0;
        for (var i = 1; i < states.Length; i++)
        {
            if (states[i] != states[i - 1])
            {
                // Weight grows linearly from the oldest transition to the newest one.
                changes += LowWeight + ((offset + i - 1) * (HighWeight - LowWeight) / (WindowSize - 2));
            }
        }

        return changes * 100.0 / (WindowSize - 1);
    }
}
