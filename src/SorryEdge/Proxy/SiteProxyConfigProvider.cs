using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SorryEdge.Health;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// Feeds YARP from the site catalog: one catch-all route and one cluster per site. The site is
/// chosen by the edge's own Host lookup (TakeoverMiddleware), not by a route per site: adding or
/// removing a route rebuilds ASP.NET's whole route table, which at ten thousand sites takes
/// seconds, while a cluster change does not. YARP swaps configurations atomically, so a change
/// applies live and requests in flight finish on the configuration they started with.
/// YARP is told only when a cluster changed: it re-validates every cluster on each reload, and a
/// mode switch, a page or a message — most writes — change no cluster at all. It is told off the
/// writer's thread, so writes made while it reloads are taken together by its next reload; a
/// writer that needs its change in force waits for it (<see cref="WhenAppliedAsync"/>).
/// </summary>
public sealed partial class SiteProxyConfigProvider(SiteCatalog catalog, ILogger<SiteProxyConfigProvider> logger)
    : IProxyConfigProvider, IConfigChangeListener, IDataPlaneSync, IDisposable
{
    public const string RouteId = "sorryedge-sites";
    public const string NoSiteClusterId = "sorryedge-no-site";
    public const string ConnectTimeoutMetadata = "SorryEdge.ConnectTimeoutMs";

    private static readonly ClusterConfig NoSite = new() { ClusterId = NoSiteClusterId };

    private readonly Lock _gate = new();
    private readonly List<(long Generation, TaskCompletionSource Done)> _waiters = [];
    private IDisposable? _subscription;
    private Dictionary<string, SiteEntry> _seen = new(StringComparer.Ordinal);
    private Dictionary<string, ClusterConfig> _published = new(StringComparer.Ordinal);
    private CancellationTokenSource _changed = new();
    private SiteProxyConfig? _config;
    private long _applied = -1;

    public IProxyConfig GetConfig()
    {
        if (Volatile.Read(ref _config) is { } config)
        {
            return config;
        }

        lock (_gate)
        {
            if (_config is null)
            {
                _config = new SiteProxyConfig([Route], [NoSite], new CancellationChangeToken(_changed.Token), 0);
                _subscription = ChangeToken.OnChange(catalog.GetChangeToken, RefreshSafely);
                Refresh();
            }

            return _config;
        }
    }

    /// <summary>Completes once YARP has applied every configuration published so far (at once before its first load).</summary>
    public Task WhenAppliedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_config is null)
            {
                return Task.CompletedTask;
            }

            // A change whose catalog callback is still queued behind another writer's is taken now.
            Refresh();
            var needed = _config.Generation;
            if (_applied < 0 || _applied >= needed)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((needed, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => Applied(proxyConfigs);

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        // YARP logged why and keeps the previous configuration; writers are not held for ever.
        LogApplyFailed(exception);
        Applied(proxyConfigs);
    }

    public void Dispose() => _subscription?.Dispose();

    private void Applied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            foreach (var config in proxyConfigs)
            {
                if (config is SiteProxyConfig ours && ours.Generation > _applied)
                {
                    _applied = ours.Generation;
                }
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Generation <= _applied)
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(d => d.TrySetResult());
    }

    /// <summary>Runs inside the catalog writer's change callback: a failure is logged, never thrown into the write.</summary>
    private void RefreshSafely()
    {
        try
        {
            Refresh();
        }
        catch (Exception ex)
        {
            LogReloadFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telling YARP of the sites' changed clusters failed; it is told at the next change")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "YARP could not apply the sites' proxy configuration; it keeps the previous one")]
    private partial void LogApplyFailed(Exception exception);

    /// <summary>
    /// Publishes a new configuration when some site's cluster differs from the one YARP has. Entries
    /// are immutable, so only entries that are not the ones seen last time are looked at: a write
    /// costs one pass of reference comparisons, not a cluster build per site.
    /// </summary>
    private void Refresh()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            var sites = catalog.Sites;
            var kept = 0;
            List<SiteEntry>? touched = null;
            foreach (var entry in sites.Values)
            {
                if (_seen.TryGetValue(entry.Id, out var seen))
                {
                    kept++;
                    if (ReferenceEquals(seen, entry))
                    {
                        continue;
                    }
                }

                (touched ??= []).Add(entry);
            }

            var removed = _seen.Count - kept;
            if (touched is null && removed == 0)
            {
                return;
            }

            var seenNext = new Dictionary<string, SiteEntry>(_seen, StringComparer.Ordinal);
            var clusters = new Dictionary<string, ClusterConfig>(_published, StringComparer.Ordinal);
            var changed = removed > 0;
            if (removed > 0)
            {
                foreach (var id in _seen.Keys.Where(id => !sites.ContainsKey(id)))
                {
                    seenNext.Remove(id);
                    clusters.Remove(id);
                }
            }

            foreach (var entry in touched ?? [])
            {
                seenNext[entry.Id] = entry;
                var cluster = BuildCluster(entry);
                if (!clusters.TryGetValue(entry.Id, out var current) || !current.Equals(cluster))
                {
                    clusters[entry.Id] = cluster;
                    changed = true;
                }
            }

            _seen = seenNext;
            if (!changed)
            {
                return;
            }

            _published = clusters;
            previous = _changed;
            _changed = new CancellationTokenSource();
            var generation = (_config?.Generation ?? 0) + 1;
            Volatile.Write(ref _config, new SiteProxyConfig([Route], [NoSite, .. clusters.Values], new CancellationChangeToken(_changed.Token), generation));
        }

        // YARP reloads inside this callback: on the pool, not under the writer (nor under the catalog's gate).
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            try
            {
                state.Previous.Cancel();
            }
            catch (Exception ex)
            {
                // An exception here would end the process; YARP reloads at the next change.
                state.Self.LogReloadFailed(ex);
            }
        }, (Previous: previous, Self: this), preferLocal: false);
    }

    private static readonly RouteConfig Route = new()
    {
        RouteId = RouteId,
        ClusterId = NoSiteClusterId,
        // Before the edge's own /healthz, so a customer's /healthz reaches its backend.
        Order = -1,
        Match = new RouteMatch { Path = "/{**catch-all}" },
        // Customer backends are virtual hosts: they need the Host the visitor asked for.
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    };

    public static ClusterConfig BuildCluster(SiteEntry entry)
    {
        var site = entry.Site;
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        for (var i = 0; i < site.Backends.Count; i++)
        {
            var backend = site.Backends[i];
            destinations[entry.DestinationIds[i]] = new DestinationConfig
            {
                Address = backend.Url,
                Metadata = new Dictionary<string, string> { [WeightedLoadBalancingPolicy.WeightMetadata] = backend.Weight.ToString(CultureInfo.InvariantCulture) },
            };
        }

        return new ClusterConfig
        {
            ClusterId = site.Id,
            LoadBalancingPolicy = WeightedLoadBalancingPolicy.PolicyName,
            Destinations = destinations,
            HealthCheck = new HealthCheckConfig
            {
                AvailableDestinationsPolicy = HealthyAndUnknownDestinationsPolicy.PolicyName,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = site.Backends.Count > 0,
                    Interval = TimeSpan.FromMilliseconds(site.Health.IntervalMs),
                    Timeout = TimeSpan.FromMilliseconds(site.Health.TimeoutMs),
                    Policy = RiseFallHealthPolicy.PolicyName,
                    Path = site.Health.Path,
                },
                Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = PassiveFailurePolicy.PolicyName },
            },
            HttpRequest = new ForwarderRequestConfig
            {
                ActivityTimeout = TimeSpan.FromMilliseconds(site.ResponseTimeoutMs),
                Version = new Version(1, 1),
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            },
            Metadata = new Dictionary<string, string> { [ConnectTimeoutMetadata] = site.ConnectTimeoutMs.ToString(CultureInfo.InvariantCulture) },
        };
    }
}
