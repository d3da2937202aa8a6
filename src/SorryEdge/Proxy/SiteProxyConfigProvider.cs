using System.Globalization;
using System.Runtime.CompilerServices;
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
/// </summary>
public sealed class SiteProxyConfigProvider(SiteCatalog catalog) : IProxyConfigProvider
{
    public const string RouteId = "sorryedge-sites";
    public const string NoSiteClusterId = "sorryedge-no-site";
    public const string ConnectTimeoutMetadata = "SorryEdge.ConnectTimeoutMs";

    // A site entry is immutable: its cluster is built once, not again on every other site's write
    // (at ten thousand sites rebuilding them all was a fifth of a write's cost).
    private static readonly ConditionalWeakTable<SiteEntry, ClusterConfig> Built = new();

    public IProxyConfig GetConfig()
    {
        // Take the token before the snapshot so a change in between is never missed.
        var token = catalog.GetChangeToken();
        var sites = catalog.Sites;
        var clusters = new List<ClusterConfig>(sites.Count + 1) { new() { ClusterId = NoSiteClusterId } };
        foreach (var entry in sites.Values)
        {
            clusters.Add(Built.GetValue(entry, BuildCluster));
        }

        return new SiteProxyConfig([Route], clusters, token);
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
