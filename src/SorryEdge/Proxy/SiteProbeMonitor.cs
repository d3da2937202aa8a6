using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Proxy;

/// <summary>
/// Runs the active probes as HAProxy schedules its checks: at start every site is probed once
/// (within the cap), then each site's rounds land at a random point of its interval and every
/// later one 0–5 % late (spread, not ten thousand probes in one instant); a site with a backend
/// down or changing state is probed at its fast interval (failback well under a second), and a
/// global cap bounds probes in flight, each timeout starting only when the probe is sent.
/// Results go to the tracker (rise/fall). It follows the catalog site by site: a write re-arms
/// only the sites it touched.
/// </summary>
internal sealed partial class SiteProbeMonitor : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, ProbeSchedule> _schedules = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SiteRoutes _routes;
    private readonly DestinationHealthTracker _tracker;
    private readonly SiteCatalog _catalog;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private readonly ILogger<SiteProbeMonitor> _logger;
    private volatile bool _initialProbeCompleted;

    public SiteProbeMonitor(SiteRoutes routes, DestinationHealthTracker tracker, SiteCatalog catalog, IOptions<HealthProbeOptions> options, TimeProvider time, ILogger<SiteProbeMonitor> logger)
    {
        _routes = routes;
        _tracker = tracker;
        _catalog = catalog;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrent);
        _time = time;
        _logger = logger;
    }

    /// <summary>True once the start-up round is over; schedules run from then on.</summary>
    public bool InitialProbeCompleted => _initialProbeCompleted;

    /// <summary>Probes every site once in the background (the edge serves meanwhile: unprobed backends are used), then starts the schedules.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _tracker.ConnectionFailed += ProbeSoon;
        _catalog.SitesChanged += OnSitesChanged;
        OnSitesChanged([.. _catalog.Sites.Keys]);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.WhenAll(_schedules.Keys.Select(id => _catalog.Find(id)).OfType<SiteEntry>().Select(ProbeSiteAsync));
            }
            finally
            {
                _initialProbeCompleted = true;
                foreach (var schedule in _schedules.Values)
                {
                    Arm(schedule, first: true);
                }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracker.ConnectionFailed -= ProbeSoon;
        _catalog.SitesChanged -= OnSitesChanged;
        _stopping.Cancel();
        foreach (var schedule in _schedules.Values)
        {
            schedule.Dispose();
        }
    }

    /// <summary>A site with backends gets a schedule, one without or removed loses it; a changed interval re-arms at once.</summary>
    private void OnSitesChanged(IReadOnlyCollection<string> changed)
    {
        // Two writers' notices can overlap (the API and the cluster follower): one at a time, each
        // reading the catalog as it is now, so a removal seen late never drops a re-added site's schedule.
        lock (_gate)
        {
            foreach (var id in changed)
            {
                Follow(id);
            }
        }
    }

    private void Follow(string id)
    {
        var entry = _catalog.Find(id);
        if (entry is null || entry.Site.Backends.Count == 0)
        {
            if (_schedules.TryRemove(id, out var gone))
            {
                gone.Dispose();
            }

            return;
        }

        var schedule = _schedules.GetOrAdd(id, static id => new ProbeSchedule(id));
        if (_initialProbeCompleted && schedule.Period != Interval(entry))
        {
            Arm(schedule, first: true);
        }
    }

    private static TimeSpan Interval(SiteEntry entry) => TimeSpan.FromMilliseconds(entry.Site.Health.IntervalMs);

    /// <param name="first">The schedule's first round (or a changed interval): at a random point of the interval.
    /// Otherwise the end of a round.</param>
    private void Arm(ProbeSchedule schedule, bool first)
    {
        if (_catalog.Find(schedule.SiteId) is not { } site)
        {
            // Gone since the round started: the schedule goes too (a re-added site gets a new one).
            lock (_gate)
            {
                if (_catalog.Find(schedule.SiteId) is null && _schedules.TryRemove(KeyValuePair.Create(schedule.SiteId, schedule)))
                {
                    schedule.Dispose();
                }
            }

            return;
        }

        var interval = Interval(site);
        TimeSpan due;
        if (first)
        {
            // Sites loaded together start at random points of their interval.
            due = interval * Random.Shared.NextDouble();
        }
        else if (_tracker.NeedsFastChecks(site))
        {
            due = site.Site.Health.EffectiveFastInterval;
        }
        else
        {
            // Stretched by 0–5 % each time (HAProxy's spread-checks), so sites never fall back into step.
            due = interval * (1 + (0.05 * Random.Shared.NextDouble()));
        }

        schedule.Arm(_time, due, interval, RoundAsync, endOfRound: !first);
    }

    /// <summary>A request found a backend dead: probe at the fast interval from now on, not at the end of a long one.</summary>
    private void ProbeSoon(string siteId)
    {
        if (_initialProbeCompleted && _schedules.TryGetValue(siteId, out var schedule) && _catalog.Find(siteId) is { } site)
        {
            schedule.ArmSooner(_time, site.Site.Health.EffectiveFastInterval, RoundAsync);
        }
    }

    private async Task RoundAsync(ProbeSchedule schedule)
    {
        try
        {
            if (_catalog.Find(schedule.SiteId) is { } site)
            {
                await ProbeSiteAsync(site);
            }
        }
        finally
        {
            Arm(schedule, first: false);
        }
    }

    private async Task ProbeSiteAsync(SiteEntry site)
    {
        try
        {
            var route = _routes.For(site);
            var timeout = TimeSpan.FromMilliseconds(site.Site.Health.TimeoutMs);
            var results = await Task.WhenAll(route.Destinations.Select(d => ProbeAsync(site, route, d, timeout)));
            if (_stopping.IsCancellationRequested)
            {
                // Probes cut off by shutdown say nothing about the backend.
                return;
            }

            // The site may have changed or gone during the round: its current entry judges the results.
            if (_catalog.Find(site.Id) is not { } current)
            {
                return;
            }

            foreach (var (destination, status, error) in results.Where(r => current.DestinationIds.Contains(r.Destination.Id)))
            {
                var success = status != 0 && current.ExpectedStatus.Contains(status);
                _tracker.RecordProbe(current, destination.Id, success, status != 0 ? $"HTTP {status}" : ProbeResult.Describe(error));
            }
        }
        catch (Exception ex)
        {
            LogRoundFailed(site.Id, ex);
        }
    }

    private async Task<(RouteDestination Destination, int Status, Exception? Error)> ProbeAsync(SiteEntry site, SiteRoute route, RouteDestination destination, TimeSpan timeout)
    {
        try
        {
            await _slots.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException ex)
        {
            return (destination, 0, ex);
        }

        try
        {
            using var timeoutCts = new CancellationTokenSource(timeout, _time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, _stopping.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, ProbeUri(destination.Prefix, site.Site.Health.Path))
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            };
            using var response = await route.Client.SendAsync(request, cts.Token);
            return (destination, (int)response.StatusCode, null);
        }
        catch (Exception ex)
        {
            LogProbeFailed(site.Id, destination.Id, ex.GetBaseException().Message);
            return (destination, 0, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The backend URL with the probe path appended (a backend URL may carry a base path).</summary>
    public static Uri ProbeUri(string backend, string path) => new(backend.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Site}/{Destination} failed: {Reason}")]
    private partial void LogProbeFailed(string site, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A probe round of site {Site} failed")]
    private partial void LogRoundFailed(string site, Exception ex);
}
