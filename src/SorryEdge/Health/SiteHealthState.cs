using SorryEdge.Sites;

namespace SorryEdge.Health;

/// <summary>One site's destinations, agents and overall verdict in the health tracker; guarded by the tracker's lock.</summary>
internal sealed class SiteHealthState
{
    public Dictionary<string, DestinationSlot> Slots { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AgentReading> Agents { get; } = new(StringComparer.Ordinal);

    /// <summary>False until a probe, a request or an agent said something about the site.</summary>
    public bool Judged { get; set; }

    public bool Down { get; set; }

    public DateTimeOffset Since { get; set; }

    public bool IsDrained(string destination) => Agents.TryGetValue(destination, out var reading) && reading.Verdict == AgentVerdict.Red;

    /// <summary>The request path's view of the site's destinations as they are now.</summary>
    public SiteAvailability Availability(SiteEntry site)
    {
        var destinations = new SiteAvailability.Destination[site.DestinationIds.Count];
        for (var i = 0; i < destinations.Length; i++)
        {
            var id = site.DestinationIds[i];
            var down = Slots.TryGetValue(id, out var slot) && slot.Counter.State == HealthVerdict.Unhealthy;
            var agent = Agents.GetValueOrDefault(id);
            var weight = agent?.Verdict == AgentVerdict.Orange ? Math.Clamp(agent.WeightPercent, 1, 100) : 100;
            destinations[i] = new SiteAvailability.Destination(id, !down && agent?.Verdict != AgentVerdict.Red, weight, slot?.Down.Token ?? CancellationToken.None);
        }

        return new SiteAvailability(destinations);
    }

    /// <summary>Re-judges the whole site (down when every backend is down or drained); answers whether that changed.</summary>
    public (bool Down, bool Changed) Judge(SiteEntry site, DateTimeOffset at)
    {
        var down = site.DestinationIds.Count > 0 && site.DestinationIds.All(id =>
            (Slots.TryGetValue(id, out var s) && s.Counter.State == HealthVerdict.Unhealthy) || IsDrained(id));
        if (!Judged)
        {
            Judged = true;
            Down = false;
            Since = at;
        }

        if (Down == down)
        {
            return (down, false);
        }

        Down = down;
        Since = at;
        return (down, true);
    }

    /// <summary>
    /// A backend down for this long is probed at the normal interval again (HAProxy's
    /// <c>downinter</c>): a restart or a deploy comes back quickly, and a host that stays dead does
    /// not keep a probe slot busy four times a second for ever.
    /// </summary>
    public static readonly TimeSpan FastChecksAfterDown = TimeSpan.FromMinutes(1);

    /// <summary>Whether any backend of the site is changing state or went down less than <see cref="FastChecksAfterDown"/> ago.</summary>
    public bool NeedsFastChecks(SiteEntry site, DateTimeOffset now)
    {
        foreach (var id in site.DestinationIds)
        {
            if (Slots.TryGetValue(id, out var slot)
                && (slot.Counter.IsChanging || (slot.Counter.State == HealthVerdict.Unhealthy && now - slot.Since < FastChecksAfterDown)))
            {
                return true;
            }
        }

        return false;
    }
}
