using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace SorryEdge.Proxy;

/// <summary>One immutable generation of YARP routes and clusters, built from the site catalog.</summary>
public sealed class SiteProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, IChangeToken changeToken, long generation) : IProxyConfig
{
    public string RevisionId { get; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<RouteConfig> Routes { get; } = routes;

    public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

    public IChangeToken ChangeToken { get; } = changeToken;

    /// <summary>Counts the configurations published, so a writer can wait for the one that carries its change.</summary>
    public long Generation { get; } = generation;
}
