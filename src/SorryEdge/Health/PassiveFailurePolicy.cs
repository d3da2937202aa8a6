using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>
/// YARP passive health policy: a refused or reset connection, or a connect timeout, marks the
/// destination down at once, without waiting for probes. A slow response does not — only the
/// probes judge a backend that accepts and then hangs.
/// </summary>
public sealed class PassiveFailurePolicy(DestinationHealthTracker tracker, SiteCatalog catalog, IDestinationHealthUpdater updater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "SorryEdge.ConnectionFailure";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || error.Error != ForwarderError.Request || !IsConnectionFailure(error.Exception))
        {
            return;
        }

        if (catalog.Find(cluster.ClusterId) is not { } site)
        {
            return;
        }

        var verdict = tracker.RecordConnectionFailure(site, destination.DestinationId, RiseFallHealthPolicy.Describe(error.Exception));
        updater.SetActive(cluster, [new NewActiveDestinationHealth(destination, RiseFallHealthPolicy.ToYarp(verdict))]);
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
