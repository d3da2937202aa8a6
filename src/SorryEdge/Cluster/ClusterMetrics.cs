using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace SorryEdge.Cluster;

/// <summary>
/// The cluster's state in Prometheus, labelled by node and refreshed before each scrape (the
/// registry is per process; tests run several edges in one).
/// </summary>
internal sealed class ClusterMetrics(ClusterReport report) : IHostedService
{
    private static readonly string[] Labels = ["node"];
    private static readonly Gauge StoreAvailable = Metrics.CreateGauge("sorryedge_cluster_store_available", "1 while etcd answers (writes accepted), 0 while it does not (serving the local copy).", Labels);
    private static readonly Gauge Overseer = Metrics.CreateGauge("sorryedge_cluster_overseer", "1 while this node is the overseer.", Labels);
    private static readonly Gauge Applied = Metrics.CreateGauge("sorryedge_cluster_applied_revision", "The etcd revision this node's local copy has applied.", Labels);
    private static readonly Gauge Lag = Metrics.CreateGauge("sorryedge_cluster_lag_revisions", "Revisions the store has that this node has not applied yet.", Labels);
    private static readonly Gauge LiveNodes = Metrics.CreateGauge("sorryedge_cluster_live_nodes", "Nodes whose lease is alive, as this node sees them.", Labels);
    private static readonly ConcurrentDictionary<ClusterReport, string> Active = new();
    private static int _registered;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Active[report] = report.Describe().Node ?? "";
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Metrics.DefaultRegistry.AddBeforeCollectCallback(Refresh);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Active.TryRemove(report, out var node))
        {
            foreach (var gauge in new[] { StoreAvailable, Overseer, Applied, Lag, LiveNodes })
            {
                gauge.RemoveLabelled(node);
            }
        }

        return Task.CompletedTask;
    }

    private static void Refresh()
    {
        foreach (var (report, node) in Active)
        {
            var status = report.Describe();
            StoreAvailable.WithLabels(node).Set(status.Store.Available ? 1 : 0);
            Overseer.WithLabels(node).Set(status.IsOverseer ? 1 : 0);
            Applied.WithLabels(node).Set(status.AppliedRevision);
            Lag.WithLabels(node).Set(status.Lag);
            LiveNodes.WithLabels(node).Set(status.Nodes.Count(n => n.Alive));
        }
    }
}
