using System.Net.Sockets;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Health;

/// <summary>
/// YARP active health policy with HAProxy's rise and fall: <see cref="SiteProbeMonitor"/> runs
/// the probes on each site's interval and timeout; this turns their results into verdicts.
/// </summary>
public sealed class RiseFallHealthPolicy(DestinationHealthTracker tracker, SiteCatalog catalog, IDestinationHealthUpdater updater) : IActiveHealthCheckPolicy
{
    public const string PolicyName = "SorryEdge.RiseFall";

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        if (probingResults.Count == 0 || catalog.Find(cluster.ClusterId) is not { } site)
        {
            return;
        }

        var states = new NewActiveDestinationHealth[probingResults.Count];
        for (var i = 0; i < probingResults.Count; i++)
        {
            var result = probingResults[i];
            var status = result.Response is { } response ? (int)response.StatusCode : 0;
            var success = status != 0 && site.ExpectedStatus.Contains(status);
            var detail = status != 0 ? $"HTTP {status}" : Describe(result.Exception);
            var verdict = tracker.RecordProbe(site, result.Destination.DestinationId, success, detail);
            states[i] = new NewActiveDestinationHealth(result.Destination, ToYarp(verdict));
        }

        updater.SetActive(cluster, states);
    }

    public static DestinationHealth ToYarp(HealthVerdict verdict) => verdict switch
    {
        HealthVerdict.Healthy => DestinationHealth.Healthy,
        HealthVerdict.Unhealthy => DestinationHealth.Unhealthy,
        _ => DestinationHealth.Unknown,
    };

    public static string Describe(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return "connection " + socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "refused",
                    SocketError.ConnectionReset => "reset",
                    SocketError.TimedOut => "timed out",
                    _ => "failed: " + socket.SocketErrorCode,
                };
            }

            if (e is TimeoutException or TaskCanceledException or OperationCanceledException)
            {
                return "timed out";
            }
        }

        return exception?.GetBaseException().Message ?? "no response";
    }
}
