using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Health;

/// <summary>
/// The single source of truth for backend health: probe results and failed requests go in,
/// rise/fall verdicts come out. It turns destination changes into site changes (down, up),
/// records them as events, latches sites under manual failback, and cancels requests still
/// waiting on a destination the moment it is declared down. What the request path needs —
/// which destinations may take a request, at what weight — it publishes per site as an
/// immutable <see cref="SiteAvailability"/> read without a lock. State is kept per site, so a
/// write to one site costs that site's destinations, whatever the number of sites.
/// </summary>
internal sealed partial class DestinationHealthTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiteHealthState> _sites = new(StringComparer.Ordinal);

    // The request path's view, one immutable value per site, replaced under the lock on every change.
    private readonly ConcurrentDictionary<string, SiteAvailability> _availability = new(StringComparer.Ordinal);
    private readonly SiteCatalog _catalog;
    private readonly IEventRecorder _events;
    private readonly EdgeMetrics _metrics;
    private readonly ISiteLatch _latch;
    private readonly Damping.SitePublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger<DestinationHealthTracker> _logger;

    private readonly bool _clusterMode;

    public DestinationHealthTracker(
        SiteCatalog catalog, IEventRecorder events, EdgeMetrics metrics, ISiteLatch latch, Damping.SitePublisher publisher, TimeProvider time,
        ILogger<DestinationHealthTracker> logger, Microsoft.Extensions.Options.IOptions<Configuration.ClusterOptions>? cluster = null)
    {
        _clusterMode = cluster?.Value.Enabled ?? false;
        _publisher = publisher;
        _catalog = catalog;
        _events = events;
        _metrics = metrics;
        _latch = latch;
        _time = time;
        _logger = logger;
        catalog.SitesChanged += Prune;
    }

    /// <summary>Raised, outside the lock, when this node finds every backend of a site down (true) or one back (false).</summary>
    public event Action<string, bool>? SiteHealthChanged;

    /// <summary>The sites this node currently finds down.</summary>
    public IReadOnlyList<string> DownSites()
    {
        lock (_gate)
        {
            return [.. _sites.Where(s => s.Value.Judged && s.Value.Down).Select(s => s.Key)];
        }
    }

    public bool IsDown(string siteId) => DescribeSite(siteId).Down;

    /// <summary>What is published about the sites this tracker watches (damped); the state views show its penalty.</summary>
    public Damping.SitePublisher Publisher => _publisher;

    /// <summary>The site's destinations as the request path sees them; lock-free.</summary>
    public SiteAvailability Availability(string siteId) => _availability.GetValueOrDefault(siteId) ?? SiteAvailability.Unjudged;

    /// <summary>Records an active probe result; answers the verdict after it.</summary>
    public HealthVerdict RecordProbe(SiteEntry site, string destination, bool success, string detail) =>
        Update(site, destination, new ProbeResult(_time.GetUtcNow(), success, detail, "probe"), slot => slot.Counter.Record(success));

    /// <summary>Raised, outside the lock, when a request found a backend dead: the site's probes go to the fast interval at once.</summary>
    public event Action<string>? ConnectionFailed;

    /// <summary>A refused, reset or timed-out connection: down at once, only probes bring it back.</summary>
    public HealthVerdict RecordConnectionFailure(SiteEntry site, string destination, string detail)
    {
        var verdict = Update(site, destination, new ProbeResult(_time.GetUtcNow(), false, detail, "request"), slot => slot.Counter.ForceDown());
        ConnectionFailed?.Invoke(site.Id);
        return verdict;
    }

    /// <summary>Records an agent reading; answers true when the verdict or the weight it allows changed.</summary>
    public bool RecordAgent(SiteEntry site, string destination, AgentReading reading)
    {
        AgentVerdict before;
        (bool Down, bool Changed) siteChange;
        lock (_gate)
        {
            if (Current(site, destination) is not { } current)
            {
                return false;
            }

            site = current;
            var state = GetSite(site.Id);
            var previous = state.Agents.GetValueOrDefault(destination);
            before = previous?.Verdict ?? AgentVerdict.Unknown;
            state.Agents[destination] = reading;
            if (before == reading.Verdict && previous?.WeightPercent == reading.WeightPercent)
            {
                return false;
            }

            siteChange = state.Judge(site, reading.At);
            Publish(site, state);
        }

        if (before != reading.Verdict)
        {
            TryRecord(new EdgeEvent(site.Id, EventKinds.DestinationAgent, HealthWords.Of(before), HealthWords.Of(reading.Verdict), $"{destination}: {reading.Detail}"));
        }

        if (siteChange.Changed)
        {
            OnSiteChanged(site, siteChange.Down, new ProbeResult(reading.At, !siteChange.Down, "agent " + HealthWords.Of(reading.Verdict) + ": " + reading.Detail, "agent"));
        }

        return true;
    }

    public bool IsDrained(string site, string destination)
    {
        lock (_gate)
        {
            return _sites.GetValueOrDefault(site)?.IsDrained(destination) ?? false;
        }
    }

    public AgentReading? GetAgent(string site, string destination)
    {
        lock (_gate)
        {
            return _sites.GetValueOrDefault(site)?.Agents.GetValueOrDefault(destination);
        }
    }

    /// <summary>Whether any backend of the site is changing state or went down less than a minute ago (probed at the fast interval then).</summary>
    public bool NeedsFastChecks(SiteEntry site)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _sites.TryGetValue(site.Id, out var state) && state.NeedsFastChecks(site, now);
        }
    }

    public IReadOnlyList<DestinationStatus> Describe(SiteEntry site)
    {
        lock (_gate)
        {
            var slots = _sites.GetValueOrDefault(site.Id)?.Slots;
            return site.DestinationIds.Select(id => slots is not null && slots.TryGetValue(id, out var slot)
                ? new DestinationStatus(id, slot.Counter.State, slot.Since, slot.Last)
                : new DestinationStatus(id, HealthVerdict.Unknown, site.Record.UpdatedAt, null)).ToList();
        }
    }

    /// <summary>Whether every backend of the site is down, and since when.</summary>
    public (bool Down, DateTimeOffset? Since) DescribeSite(string site)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(site, out var state) && state.Judged ? (state.Down, state.Since) : (false, null);
        }
    }

    private HealthVerdict Update(SiteEntry site, string destination, ProbeResult result, Func<DestinationSlot, bool> apply)
    {
        CancellationTokenSource? cancel = null;
        HealthVerdict verdict, before;
        bool destinationChanged;
        (bool Down, bool Changed) siteChange;
        lock (_gate)
        {
            if (Current(site, destination) is not { } current)
            {
                return HealthVerdict.Unknown;
            }

            site = current;
            var state = GetSite(site.Id);
            var created = !state.Slots.ContainsKey(destination);
            var slot = GetSlot(state, destination, site);
            slot.Last = result;
            before = slot.Counter.State;
            destinationChanged = apply(slot);
            verdict = slot.Counter.State;
            if (destinationChanged)
            {
                slot.Since = result.At;
                if (verdict == HealthVerdict.Unhealthy)
                {
                    cancel = slot.Down;
                    slot.Down = new CancellationTokenSource();
                }
            }

            if (destinationChanged || created)
            {
                // A new slot publishes its down token, so requests sent to it from now on are watched.
                Publish(site, state);
            }

            siteChange = state.Judge(site, result.At);
        }

        // Cancel first, outside the lock: waiting requests are answered even if recording fails.
        cancel?.Cancel();
        cancel?.Dispose();

        if (destinationChanged)
        {
            _metrics.SetDestination(site.Id, destination, verdict == HealthVerdict.Healthy ? 1 : verdict == HealthVerdict.Unhealthy ? 0 : -1);
            if (verdict != HealthVerdict.Unknown)
            {
                TryRecord(new EdgeEvent(site.Id, verdict == HealthVerdict.Unhealthy ? EventKinds.DestinationDown : EventKinds.DestinationUp, HealthWords.Of(before), HealthWords.Of(verdict), $"{destination}: {result.Detail} ({result.Source})"));
            }
        }

        if (siteChange.Changed)
        {
            OnSiteChanged(site, siteChange.Down, result);
        }

        return verdict;
    }

    /// <summary>Replaces the site's published view; under the lock, after any change of a slot or an agent reading.</summary>
    private void Publish(SiteEntry site, SiteHealthState state) => _availability[site.Id] = state.Availability(site);

    private void OnSiteChanged(SiteEntry site, bool down, ProbeResult cause)
    {
        _metrics.SetSiteDown(site.Id, down);
        var detail = down ? $"every backend is down (last: {cause.Detail})" : $"a backend is healthy again ({cause.Detail})";
        // In cluster mode this is one node's view; the cluster's "site.down" needs a majority (the overseer
        // records it, and every node's publisher follows that instead of this).
        var kind = _clusterMode ? (down ? EventKinds.NodeSiteDown : EventKinds.NodeSiteUp) : down ? EventKinds.SiteDown : EventKinds.SiteUp;
        TryRecord(new EdgeEvent(site.Id, kind, SiteStateWords.Site(!down), SiteStateWords.Site(down), detail));
        SiteHealthChanged?.Invoke(site.Id, down);
        if (!_clusterMode)
        {
            // The audit log keeps every real change; what is published (status site, mail) is damped.
            _publisher.OnSiteChanged(site, down, detail);
        }
        if (down)
        {
            LogSiteDown(site.Id, cause.Detail);
            if (site.Site.Failback == FailbackMode.Manual)
            {
                _ = LatchAsync(site.Id);
            }
        }
        else
        {
            LogSiteUp(site.Id, site.Record.Latched || site.Site.Failback == FailbackMode.Manual);
        }
    }

    /// <summary>Health changes must go on even when the audit log cannot be written (disk full, locked).</summary>
    private void TryRecord(EdgeEvent change)
    {
        try
        {
            _events.Record(change);
        }
        catch (Exception ex)
        {
            LogRecordFailed(change.SiteId, change.Kind, ex);
        }
    }

    private async Task LatchAsync(string site)
    {
        try
        {
            await _latch.LatchAsync(site, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogLatchFailed(site, ex);
        }
    }

    /// <summary>
    /// The site as the catalog has it now, when it still has the destination; null otherwise. A probe
    /// round, a request or an agent reading may have started on a version of the site that a write
    /// has since replaced or deleted: judging with that version would bring a deleted site's state
    /// back (never pruned again) or publish a view without the site's newer backends. Under the lock,
    /// so a write's prune (which runs after the catalog swap) comes after, or sees what this wrote.
    /// </summary>
    private SiteEntry? Current(SiteEntry site, string destination) =>
        _catalog.Find(site.Id) is { } current && current.DestinationIds.Contains(destination) ? current : null;

    private SiteHealthState GetSite(string site)
    {
        if (!_sites.TryGetValue(site, out var state))
        {
            state = new SiteHealthState();
            _sites[site] = state;
        }

        return state;
    }

    private DestinationSlot GetSlot(SiteHealthState state, string destination, SiteEntry? entry)
    {
        if (!state.Slots.TryGetValue(destination, out var slot))
        {
            var health = entry?.Site.Health ?? new SiteHealthSettings();
            slot = new DestinationSlot(new RiseFallCounter(health.Rise, health.Fall), _time.GetUtcNow());
            state.Slots[destination] = slot;
        }
        else if (entry is not null && (slot.Counter.Rise != entry.Site.Health.Rise || slot.Counter.Fall != entry.Site.Health.Fall))
        {
            slot.Counter = new RiseFallCounter(entry.Site.Health.Rise, entry.Site.Health.Fall, slot.Counter.State);
        }

        return slot;
    }

    /// <summary>Forgets what belongs to backends or sites that are gone: only the sites the write touched are looked at.</summary>
    private void Prune(IReadOnlyCollection<string> changed)
    {
        List<string>? forget = null;
        lock (_gate)
        {
            foreach (var id in changed)
            {
                var entry = _catalog.Find(id);
                if (entry is null)
                {
                    if (_sites.Remove(id))
                    {
                        (forget ??= []).Add(id);
                    }

                    _availability.TryRemove(id, out _);
                    continue;
                }

                if (!_sites.TryGetValue(id, out var state))
                {
                    continue;
                }

                foreach (var destination in state.Slots.Keys.Concat(state.Agents.Keys).Where(d => !entry.DestinationIds.Contains(d)).ToList())
                {
                    state.Slots.Remove(destination);
                    state.Agents.Remove(destination);
                }

                // The view follows the site's backends as they are now (added ones unjudged, removed ones gone).
                Publish(entry, state);
            }
        }

        foreach (var site in forget ?? [])
        {
            _metrics.Forget(site);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site} went down: {Cause}; the edge answers for it")]
    private partial void LogSiteDown(string site, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {Site} has a healthy backend again (manual failback pending: {Manual})")]
    private partial void LogSiteUp(string site, bool manual);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Kind} of site {Site} failed; the health change still applies")]
    private partial void LogRecordFailed(string site, string kind, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Latching site {Site} for manual failback failed")]
    private partial void LogLatchFailed(string site, Exception ex);
}
