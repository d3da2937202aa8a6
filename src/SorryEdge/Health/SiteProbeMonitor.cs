using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>
/// Runs the active probes in place of YARP's monitor, as HAProxy schedules its checks: each
/// site's first round lands at a random point of its interval and every later one 0–5 % late
/// (spread, not ten thousand probes in one instant), a site with a backend down or changing state is probed at its fast interval
/// (failback well under a second), and a global cap bounds probes in flight, each timeout
/// starting only when the probe is sent. Results go to the site's active policy (rise/fall).
/// </summary>
public sealed partial class SiteProbeMonitor : IActiveHealthCheckMonitor, IClusterChangeListener, IDisposable
{
    private readonly ConcurrentDictionary<string, ProbeSchedule> _schedules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActiveHealthCheckPolicy> _policies;
    private readonly IProbingRequestFactory _requests;
    private readonly DestinationHealthTracker _tracker;
    private readonly SiteCatalog _catalog;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private readonly ILogger<SiteProbeMonitor> _logger;
    private volatile bool _initialProbeCompleted;

    public SiteProbeMonitor(
        IEnumerable<IActiveHealthCheckPolicy> policies,
        IProbingRequestFactory requests,
        DestinationHealthTracker tracker,
        SiteCatalog catalog,
        IOptions<HealthProbeOptions> options,
        TimeProvider time,
        ILogger<SiteProbeMonitor> logger)
    {
        _policies = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _requests = requests;
        _tracker = tracker;
        _catalog = catalog;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrent);
        _time = time;
        _logger = logger;
        tracker.ConnectionFailed += ProbeSoon;
    }

    /// <summary>True once the start-up round is over; schedules run from then on.</summary>
    public bool InitialProbeCompleted => _initialProbeCompleted;

    /// <summary>YARP calls this once after the first configuration: every site is probed (within the cap), then the schedules start.</summary>
    public Task CheckHealthAsync(IEnumerable<ClusterState> clusters) => Task.Run(async () =>
    {
        try
        {
            await Task.WhenAll(clusters.Where(IsEnabled).Select(ProbeClusterAsync));
        }
        finally
        {
            _initialProbeCompleted = true;
            foreach (var schedule in _schedules.Values)
            {
                Arm(schedule, first: true);
            }
        }
    });

    public void OnClusterAdded(ClusterState cluster) => OnClusterChanged(cluster);

    public void OnClusterChanged(ClusterState cluster)
    {
        if (!IsEnabled(cluster))
        {
            OnClusterRemoved(cluster);
            return;
        }

        var schedule = _schedules.GetOrAdd(cluster.ClusterId, _ => new ProbeSchedule(cluster));
        if (_initialProbeCompleted && schedule.Period != Interval(cluster))
        {
            Arm(schedule, first: true);
        }
    }

    public void OnClusterRemoved(ClusterState cluster)
    {
        if (_schedules.TryRemove(cluster.ClusterId, out var schedule))
        {
            schedule.Dispose();
        }
    }

    public void Dispose()
    {
        _tracker.ConnectionFailed -= ProbeSoon;
        _stopping.Cancel();
        foreach (var schedule in _schedules.Values)
        {
            schedule.Dispose();
        }
    }

    private static bool IsEnabled(ClusterState cluster) => cluster.Model.Config.HealthCheck?.Active?.Enabled == true;

    private static TimeSpan Interval(ClusterState cluster) => cluster.Model.Config.HealthCheck?.Active?.Interval ?? TimeSpan.FromSeconds(1);

    /// <param name="first">The schedule's first round (or a changed interval): at a random point of the interval.
    /// Otherwise the end of a round.</param>
    private void Arm(ProbeSchedule schedule, bool first)
    {
        var interval = Interval(schedule.Cluster);
        TimeSpan due;
        if (first)
        {
            // Sites loaded together start at random points of their interval.
            due = interval * Random.Shared.NextDouble();
        }
        else if (_catalog.Find(schedule.Cluster.ClusterId) is { } site && _tracker.NeedsFastChecks(site))
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
            await ProbeClusterAsync(schedule.Cluster);
        }
        finally
        {
            Arm(schedule, first: false);
        }
    }

    private async Task ProbeClusterAsync(ClusterState cluster)
    {
        var results = Array.Empty<DestinationProbingResult>();
        try
        {
            var config = cluster.Model.Config.HealthCheck?.Active;
            if (config?.Enabled != true || !_policies.TryGetValue(config.Policy ?? "", out var policy))
            {
                return;
            }

            var timeout = config.Timeout ?? TimeSpan.FromSeconds(1);
            var destinations = cluster.DestinationsState.AllDestinations;
            results = await Task.WhenAll(destinations.Select(d => ProbeAsync(cluster.Model, d, timeout)));
            if (!_stopping.IsCancellationRequested)
            {
                // Probes cut off by shutdown say nothing about the backend.
                policy.ProbingCompleted(cluster, results);
            }
        }
        catch (Exception ex)
        {
            LogRoundFailed(cluster.ClusterId, ex);
        }
        finally
        {
            foreach (var result in results)
            {
                result.Response?.Dispose();
            }
        }
    }

    private async Task<DestinationProbingResult> ProbeAsync(ClusterModel cluster, DestinationState destination, TimeSpan timeout)
    {
        try
        {
            await _slots.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException ex)
        {
            return new DestinationProbingResult(destination, null, ex);
        }

        try
        {
            using var timeoutCts = new CancellationTokenSource(timeout, _time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, _stopping.Token);
            var request = _requests.CreateRequest(cluster, destination.Model);
            var response = await cluster.HttpClient.SendAsync(request, cts.Token);
            return new DestinationProbingResult(destination, response, null);
        }
        catch (Exception ex)
        {
            LogProbeFailed(cluster.Config.ClusterId, destination.DestinationId, ex.GetBaseException().Message);
            return new DestinationProbingResult(destination, null, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of {Site}/{Destination} failed: {Reason}")]
    private partial void LogProbeFailed(string site, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A probe round of site {Site} failed")]
    private partial void LogRoundFailed(string site, Exception ex);
}
