using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using SorryEdge.Sites;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>
/// YARP passive health policy: a refused or reset connection, or a connect timeout, marks the
/// destination down at once, without waiting for probes. A slow response does not — only the
/// probes judge a backend that accepts and then hangs.
/// </summary>
public sealed class PassiveFailurePolicy(DestinationHealthTracker tracker, SiteCatalog catalog, IDestinationHealthUpdater updater, IServiceProvider services) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "SorryEdge.ConnectionFailure";

    // YARP's state lookup is its config manager, which needs every policy to validate clusters:
    // taking it in the constructor would be a dependency cycle, so it is resolved on first use.
    private IProxyStateLookup? _proxyState;

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>();
        // YARP reports SocketsHttpHandler's connect timeout as RequestTimedOut, not Request.
        if (error is null || error.Error is not (ForwarderError.Request or ForwarderError.RequestTimedOut) || !IsConnectionFailure(error.Exception))
        {
            return;
        }

        // YARP passes the route's cluster; requests are reassigned to the site's cluster, so use that one.
        var clusterId = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        if (catalog.Find(clusterId) is not { } site || !(_proxyState ??= services.GetRequiredService<IProxyStateLookup>()).TryGetCluster(clusterId, out var siteCluster))
        {
            return;
        }

        var verdict = tracker.RecordConnectionFailure(site, destination.DestinationId, RiseFallHealthPolicy.Describe(error.Exception));
        updater.SetActive(siteCluster, [new NewActiveDestinationHealth(destination, RiseFallHealthPolicy.ToYarp(verdict))]);
    }

    public static bool IsConnectionFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }

            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.ConnectionAborted })
            {
                return true;
            }

            if (e is TimeoutException)
            {
                // SocketsHttpHandler.ConnectTimeout surfaces as a TimeoutException inside the cancellation.
                return true;
            }
        }

        return false;
    }
}
