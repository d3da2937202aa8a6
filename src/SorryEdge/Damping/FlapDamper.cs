using SorryEdge.Sites;

namespace SorryEdge.Damping;

/// <summary>
/// The published state of one site under RFC 2439 damping (section 4.2's penalty, half-life, suppress and reuse
/// limits), driven by the times the caller passes in: a pure state machine, so tests run it on a fake clock. Real
/// changes go in through <see cref="Change"/>; a timer calls <see cref="Settle"/> at <see cref="ReuseAt"/>. Not
/// thread-safe; the publisher holds a lock around it.
/// </summary>
internal sealed class FlapDamper
{
    private double _penalty;
    private DateTimeOffset _at;

    public bool Down { get; private set; }

    public bool Suppressed { get; private set; }

    public PublishedState Published { get; private set; } = PublishedState.Up;

    /// <summary>When the published outage (down or flapping) began; null while published up.</summary>
    public DateTimeOffset? OutageSince { get; private set; }

    /// <summary>The penalty decayed to <paramref name="now"/>: p · 2^(−Δt / half-life).</summary>
    public double PenaltyAt(DateTimeOffset now, DampingSettings s) =>
        _penalty <= 0 ? 0 : _penalty * Math.Pow(0.5, Math.Max(0, (now - _at).TotalSeconds) / s.HalfLifeSeconds);

    /// <summary>
    /// A real change (all backends down, or one up again): adds the penalty (capped at the ceiling) and suppresses at
    /// the suppress limit. Answers the new published state, or null when what is published stays as it is.
    /// </summary>
    public PublishedState? Change(bool down, DateTimeOffset now, DampingSettings s)
    {
        if (down == Down)
        {
            return null;
        }

        Down = down;
        if (!s.Enabled)
        {
            Suppressed = false;
            return Publish(Real, now);
        }

        _penalty = Math.Min(PenaltyAt(now, s) + s.Penalty, s.Ceiling);
        _at = now;
        Suppressed |= _penalty >= s.SuppressLimit;
        return Publish(Suppressed ? PublishedState.Flapping : Real, now);
    }

    /// <summary>Ends suppression once the penalty decayed below the reuse limit, publishing the real state once.</summary>
    public PublishedState? Settle(DateTimeOffset now, DampingSettings s)
    {
        if (!Suppressed || (s.Enabled && PenaltyAt(now, s) >= s.ReuseLimit))
        {
            return null;
        }

        Suppressed = false;
        return Publish(Real, now);
    }

    /// <summary>When the penalty will have decayed to the reuse limit (now when it already has).</summary>
    public DateTimeOffset ReuseAt(DateTimeOffset now, DampingSettings s)
    {
        var p = PenaltyAt(now, s);
        return p < s.ReuseLimit ? now : now + TimeSpan.FromSeconds(s.HalfLifeSeconds * Math.Log2(p / s.ReuseLimit));
    }

    private PublishedState Real => Down ? PublishedState.Down : PublishedState.Up;

    private PublishedState? Publish(PublishedState state, DateTimeOffset now)
    {
        if (state == Published)
        {
            return null;
        }

        Published = state;
        OutageSince = state == PublishedState.Up ? null : OutageSince ?? now;
        return state;
    }
}
