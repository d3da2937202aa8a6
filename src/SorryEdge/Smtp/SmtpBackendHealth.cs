using SorryEdge.Health;

namespace SorryEdge.Smtp;

/// <summary>The rise/fall state of one site's backend MX, fed by probes and by failed splice connects.</summary>
internal sealed class SmtpBackendHealth(int rise, int fall)
{
    private readonly Lock _gate = new();
    private readonly RiseFallCounter _counter = new(rise, fall);

    public HealthVerdict Verdict
    {
        get
        {
            lock (_gate)
            {
                return _counter.State;
            }
        }
    }

    /// <summary>Records a probe result; the transition when it changed the verdict.</summary>
    public (HealthVerdict From, HealthVerdict To)? Record(bool success)
    {
        lock (_gate)
        {
            var before = _counter.State;
            return _counter.Record(success) ? (before, _counter.State) : null;
        }
    }

    /// <summary>A connect for a client failed: down at once, only probes bring it back.</summary>
    public (HealthVerdict From, HealthVerdict To)? ForceDown()
    {
        lock (_gate)
        {
            var before = _counter.State;
            return _counter.ForceDown() ? (before, _counter.State) : null;
        }
    }
}
