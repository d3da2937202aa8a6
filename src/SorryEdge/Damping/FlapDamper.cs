namespace SorryEdge.Damping;

/// <summary>
/// The penalty arithmetic of RFC 2439 (section 4.2) for one site, on times the caller passes in: a pure class, so
/// tests drive it with a fake clock. Not thread-safe; the publisher holds a lock around it.
/// </summary>
public sealed class FlapDamper
{
    private double _penalty;
    private DateTimeOffset _at;

    public bool Suppressed { get; private set; }

    /// <summary>The penalty decayed to <paramref name="now"/>: p · 2^(−Δt / half-life).</summary>
    public double PenaltyAt(DateTimeOffset now, DampingSettings s) =>
        _penalty <= 0 ? 0 : _penalty * Math.Pow(0.5, Math.Max(0, (now - _at).TotalSeconds) / s.HalfLifeSeconds);

    /// <summary>A transition of the real state: adds the penalty (capped) and suppresses at the suppress limit. Answers whether suppressed now.</summary>
    public bool Transition(DateTimeOffset now, DampingSettings s)
    {
        _penalty = Math.Min(PenaltyAt(now, s) + s.Penalty, s.Ceiling);
        _at = now;
        if (_penalty >= s.SuppressLimit)
        {
            Suppressed = true;
        }

        return Suppressed;
    }

    /// <summary>Ends suppression once the penalty decayed below the reuse limit; answers true when it just ended.</summary>
    public bool TryReuse(DateTimeOffset now, DampingSettings s)
    {
        if (!Suppressed || PenaltyAt(now, s) >= s.ReuseLimit)
        {
            return false;
        }

        Suppressed = false;
        return true;
    }

    /// <summary>When the penalty will have decayed to the reuse limit (now when it already has).</summary>
    public DateTimeOffset ReuseAt(DateTimeOffset now, DampingSettings s)
    {
        var p = PenaltyAt(now, s);
        return p < s.ReuseLimit ? now : now + TimeSpan.FromSeconds(s.HalfLifeSeconds * Math.Log2(p / s.ReuseLimit));
    }
}
