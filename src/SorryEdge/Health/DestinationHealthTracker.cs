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
/// waiting on a destination the moment it is declared down.
/// </summary>
public sealed partial class DestinationHealthTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Site, string Destination), Slot> _slots = [];
    private readonly Dictionary<string, SiteHealth> _sites = new(StringComparer.Ordinal);

    // Read on the request path (weights) without taking the lock.
    private readonly ConcurrentDictionary<(string Site, string Destination), AgentReading> _agents = new();
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
        ILogger<DestinationHealthTracker> logger, Microsoft.Extensions.Options.IOptions<Cluster.ClusterOptions>? cluster = null)
    {
        _clusterMode = cluster?.Value.Enabled ?? false;
        _publisher = publisher;
        _catalog = catalog;
        _events = events;
        _metrics = metrics;
        _latch = latch;
        _time = time;
        _logger = logger;
        ChangeToken.OnChange(catalog.GetChangeToken, Prune);
    }

    /// <summary>Raised, outside the lock, when this node finds every backend of a site down (true) or one back (false).</summary>
    public event Action<string, bool>? SiteHealthChanged;

    /// <summary>The sites this node currently finds down.</summary>
    public IReadOnlyList<string> DownSites()
    {
        lock (_gate)
        {
            return [.. _sites.Where(s => s.Value.Down).Select(s => s.Key)];
        }
    }

    public bool IsDown(string siteId) => DescribeSite(siteId).Down;

    /// <summary>What is published about the sites this tracker watches (damped); the state views show its penalty.</summary>
    public Damping.SitePublisher Publisher => _publisher;

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

    /// <summary>Records an agent reading; answers true when the verdict changed (the caller refreshes YARP's view).</summary>
    public bool RecordAgent(SiteEntry site, string destination, AgentReading reading)
    {
        var before = _agents.TryGetValue((site.Id, destination), out var previous) ? previous.Verdict : AgentVerdict.Unknown;
        _agents[(site.Id, destination)] = reading;
        if (before == reading.Verdict && previous?.WeightPercent == reading.WeightPercent)
        {
            return false;
        }

        (bool Down, bool Changed) siteChange;
        lock (_gate)
        {
            siteChange = UpdateSite(site, reading.At);
        }

        if (before != reading.Verdict)
        {
            TryRecord(new EdgeEvent(site.Id, "destination.agent", Name(before), Name(reading.Verdict), $"{destination}: {reading.Detail}"));
        }

        if (siteChange.Changed)
        {
            OnSiteChanged(site, siteChange.Down, new ProbeResult(reading.At, !siteChange.Down, "agent " + Name(reading.Verdict) + ": " + reading.Detail, "agent"));
        }

        return true;
    }

    public bool IsDrained(string site, string destination) =>
        _agents.TryGetValue((site, destination), out var reading) && reading.Verdict == AgentVerdict.Red;

    /// <summary>The share of its configured weight a destination gets: 100 unless its agent says less.</summary>
    public int WeightPercent(string site, string destination) =>
        _agents.TryGetValue((site, destination), out var reading) && reading.Verdict == AgentVerdict.Orange ? Math.Clamp(reading.WeightPercent, 1, 100) : 100;

    public AgentReading? GetAgent(string site, string destination) => _agents.GetValueOrDefault((site, destination));

    /// <summary>A token cancelled when the destination is declared down, for requests waiting on it.</summary>
    public CancellationToken GetDownToken(string site, string destination)
    {
        lock (_gate)
        {
            var slot = GetSlot(site, destination, null);
            // Declared down but YARP not yet told: a request picked now is answered at once.
            return slot.Counter.State == HealthVerdict.Unhealthy ? new CancellationToken(canceled: true) : slot.Down.Token;
        }
    }

    /// <summary>
    /// A backend down for this long is probed at the normal interval again (HAProxy's
    /// <c>downinter</c>): a restart or a deploy comes back quickly, and a host that stays dead does
    /// not keep a probe slot busy four times a second for ever.
    /// </summary>
    public static readonly TimeSpan FastChecksAfterDown = TimeSpan.FromMinutes(1);

    /// <summary>Whether any backend of the site is changing state or went down less than a minute ago (probed at the fast interval then).</summary>
    public bool NeedsFastChecks(SiteEntry site)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var id in site.DestinationIds)
            {
                if (_slots.TryGetValue((site.Id, id), out var slot)
                    && (slot.Counter.IsChanging || (slot.Counter.State == HealthVerdict.Unhealthy && now - slot.Since < FastChecksAfterDown)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyList<DestinationStatus> Describe(SiteEntry site)
    {
        lock (_gate)
        {
            return site.DestinationIds.Select(id => _slots.TryGetValue((site.Id, id), out var slot)
                ? new DestinationStatus(id, slot.Counter.State, slot.Since, slot.Last)
                : new DestinationStatus(id, HealthVerdict.Unknown, site.Record.UpdatedAt, null)).ToList();
        }
    }

    /// <summary>Whether every backend of the site is down, and since when.</summary>
    public (bool Down, DateTimeOffset? Since) DescribeSite(string site)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(site, out var health) ? (health.Down, health.Since) : (false, null);
        }
    }

    private HealthVerdict Update(SiteEntry site, string destination, ProbeResult result, Func<Slot, bool> apply)
    {
        CancellationTokenSource? cancel = null;
        HealthVerdict verdict, before;
        bool destinationChanged;
        (bool Down, bool Changed) siteChange;
        lock (_gate)
        {
            var slot = GetSlot(site.Id, destination, site);
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

            siteChange = UpdateSite(site, result.At);
        }

        // Cancel first, outside the lock: waiting requests are answered even if recording fails.
        cancel?.Cancel();
        cancel?.Dispose();

        if (destinationChanged)
        {
            _metrics.SetDestination(site.Id, destination, verdict == HealthVerdict.Healthy ? 1 : verdict == HealthVerdict.Unhealthy ? 0 : -1);
            if (verdict != HealthVerdict.Unknown)
            {
                TryRecord(new EdgeEvent(site.Id, "destination." + Name(verdict), Name(before), Name(verdict), $"{destination}: {result.Detail} ({result.Source})"));
            }
        }

        if (siteChange.Changed)
        {
            OnSiteChanged(site, siteChange.Down, result);
        }

        return verdict;
    }

    private static string Name(AgentVerdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Name(HealthVerdict verdict) => verdict switch
    {
        HealthVerdict.Healthy => "up",
        HealthVerdict.Unhealthy => "down",
        _ => "unknown",
    };

    private (bool Down, bool Changed) UpdateSite(SiteEntry site, DateTimeOffset at)
    {
        var down = site.DestinationIds.Count > 0 && site.DestinationIds.All(id =>
            (_slots.TryGetValue((site.Id, id), out var s) && s.Counter.State == HealthVerdict.Unhealthy) || IsDrained(site.Id, id));
        if (!_sites.TryGetValue(site.Id, out var health))
        {
            health = new SiteHealth { Down = false, Since = at };
            _sites[site.Id] = health;
        }

        if (health.Down == down)
        {
            return (down, false);
        }

        health.Down = down;
        health.Since = at;
        return (down, true);
    }

    private void OnSiteChanged(SiteEntry site, bool down, ProbeResult cause)
    {
        _metrics.SetSiteDown(site.Id, down);
        var detail = down ? $"every backend is down (last: {cause.Detail})" : $"a backend is healthy again ({cause.Detail})";
        // In cluster mode this is one node's view; the cluster's "site.down" needs a majority (the overseer
        // records it, and every node's publisher follows that instead of this).
        var kind = (_clusterMode ? "node." : "") + (down ? "site.down" : "site.up");
        TryRecord(new EdgeEvent(site.Id, kind, down ? "up" : "down", down ? "down" : "up", detail));
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

    private Slot GetSlot(string site, string destination, SiteEntry? entry)
    {
        if (!_slots.TryGetValue((site, destination), out var slot))
        {
            var health = entry?.Site.Health ?? new SiteHealthSettings();
            slot = new Slot(new RiseFallCounter(health.Rise, health.Fall), _time.GetUtcNow());
            _slots[(site, destination)] = slot;
        }
        else if (entry is not null && (slot.Counter.Rise != entry.Site.Health.Rise || slot.Counter.Fall != entry.Site.Health.Fall))
        {
            slot.Counter = new RiseFallCounter(entry.Site.Health.Rise, entry.Site.Health.Fall, slot.Counter.State);
        }

        return slot;
    }

    private void Prune()
    {
        var sites = _catalog.Sites;
        lock (_gate)
        {
            foreach (var key in _slots.Keys.Where(k => !sites.TryGetValue(k.Site, out var e) || !e.DestinationIds.Contains(k.Destination)).ToList())
            {
                _slots.Remove(key);
            }

            foreach (var key in _agents.Keys.Where(k => !sites.TryGetValue(k.Site, out var e) || !e.DestinationIds.Contains(k.Destination)).ToList())
            {
                _agents.TryRemove(key, out _);
            }

            foreach (var site in _sites.Keys.Where(s => !sites.ContainsKey(s)).ToList())
            {
                _sites.Remove(site);
                _metrics.Forget(site);
            }
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

    private sealed class Slot(RiseFallCounter counter, DateTimeOffset since)
    {
        public RiseFallCounter Counter { get; set; } = counter;

        public DateTimeOffset Since { get; set; } = since;

        public ProbeResult? Last { get; set; }

        public CancellationTokenSource Down { get; set; } = new();
    }

    private sealed class SiteHealth
    {
        public bool Down { get; set; }

        public DateTimeOffset Since { get; set; }
    }
}
