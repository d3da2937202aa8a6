namespace SorryEdge.Health;

/// <summary>
/// HAProxy-style consecutive-count hysteresis: a destination is declared down after
/// <c>fall</c> failed checks in a row and up again after <c>rise</c> good ones in a row, so a
/// single lost probe does not flip a site.
/// </summary>
internal sealed class RiseFallCounter
{
    private int _successes;
    private int _failures;

    public RiseFallCounter(int rise, int fall, HealthVerdict initial = HealthVerdict.Unknown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        Rise = rise;
        Fall = fall;
        State = initial;
    }

    public int Rise { get; }

    public int Fall { get; }

    public HealthVerdict State { get; private set; }

    /// <summary>
    /// Between states: a failed check while up, or a good one while down. HAProxy probes such a
    /// server at <c>fastinter</c>, so a change is confirmed in a fraction of the interval.
    /// </summary>
    public bool IsChanging => (State == HealthVerdict.Unhealthy && _successes > 0) || (State != HealthVerdict.Unhealthy && _failures > 0);

    /// <summary>Records one check result; answers true when the state changed.</summary>
    public bool Record(bool success)
    {
        var before = State;
        if (success)
        {
            _failures = 0;
            _successes++;
            // An unknown destination is already in use, so one good answer confirms it.
            if (State == HealthVerdict.Unknown || (State == HealthVerdict.Unhealthy && _successes >= Rise))
            {
                State = HealthVerdict.Healthy;
            }
        }
        else
        {
            _successes = 0;
            _failures++;
            if (State != HealthVerdict.Unhealthy && _failures >= Fall)
            {
                State = HealthVerdict.Unhealthy;
            }
        }

        return State != before;
    }

    /// <summary>
    /// Declares the destination down at once (a refused or reset connection); only
    /// <c>rise</c> good checks bring it back. Answers true when the state changed.
    /// </summary>
    public bool ForceDown()
    {
        var changed = State != HealthVerdict.Unhealthy;
        State = HealthVerdict.Unhealthy;
        _successes = 0;
        _failures = Fall;
        return changed;
    }
}
