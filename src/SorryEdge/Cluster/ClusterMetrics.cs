using Microsoft.Extensions.Hosting;
using Prometheus;

namespace SorryEdge.Cluster;

/// <summary>The cluster's state in Prometheus, refreshed before each scrape.</summary>
internal sealed class ClusterMetrics(ClusterReport report) : IHostedService
{
    private static readonly Gauge StoreAvailable = Metrics.CreateGauge("sorryedge_cluster_store_available", "1 while etcd answers (writes accepted), 0 while it does not (serving the local copy).");
    private static readonly Gauge Overseer = Metrics.CreateGauge("sorryedge_cluster_overseer", "1 while this node is the overseer.");
    private static readonly Gauge Applied = Metrics.CreateGauge("sorryedge_cluster_applied_revision", "The etcd revision this node's local copy has applied.");
    private static readonly Gauge Lag = Metrics.CreateGauge("sorryedge_cluster_lag_revisions", "Revisions the store has that this node has not applied yet.");
    private static readonly Gauge LiveNodes = Metrics.CreateGauge("sorryedge_cluster_live_nodes", "Nodes whose lease is alive.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Metrics.DefaultRegistry.AddBeforeCollectCallback(Refresh);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Refresh()
    {
        var status = report.Describe();
        StoreAvailable.Set(status.Store.Available ? 1 : 0);
        Overseer.Set(status.IsOverseer ? 1 : 0);
        Applied.Set(status.AppliedRevision);
        Lag.Set(status.Lag);
        LiveNodes.Set(status.Nodes.Count(n => n.Alive));
    }
}
