using Microsoft.Extensions.Options;
using SorryEdge.Configuration;

namespace SorryEdge.Cluster;

/// <summary>What <c>GET /api/v1/cluster</c>, <c>/readyz</c>, the portal and the metrics say about the cluster.</summary>
/// <remarks>The cluster parts are absent (null) on a single node.</remarks>
internal sealed class ClusterReport(IOptions<ClusterOptions> options, EtcdGateway? etcd = null, ClusterView? view = null, ClusterNode? node = null, ClusterProgress? progress = null)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>Whether writes are accepted now: always on a single node; in a cluster while etcd answers.</summary>
    public bool StoreAvailable => etcd?.Available ?? true;

    public ClusterStatus Describe()
    {
        var o = options.Value;
        if (etcd is null || view is null || node is null || progress is null)
        {
            return new ClusterStatus("single", null, null, true, new ClusterStoreStatus(true, null, []), 0, 0, 0, [], new Dictionary<string, string[]>(), []);
        }

        var applied = progress.Applied;
        var alive = view.Nodes().Select(n => n.Doc.Node).ToHashSet(StringComparer.Ordinal);
        var seen = view.LastSeen();
        var nodes = o.Nodes.Select((name, i) => new ClusterNodeStatus(name, i + 1, alive.Contains(name), name == view.Overseer,
            seen.TryGetValue(name, out var d) ? d.At : null, seen.TryGetValue(name, out var r) ? r.AppliedRevision : null)).ToList();
        var storeRevision = Math.Max(node.StoreRevision, applied);
        return new ClusterStatus("cluster", o.Node, view.Overseer, node.IsOverseer,
            new ClusterStoreStatus(etcd.Available, etcd.Available ? null : etcd.LastError, o.Etcd.Endpoints),
            applied, storeRevision, storeRevision - applied, nodes, view.DownVotes(),
            [.. view.Published().Where(p => p.Value).Select(p => p.Key).Order(StringComparer.Ordinal)]);
    }
}

/// <summary>The cluster as this node sees it.</summary>
/// <param name="Mode"><c>single</c> (embedded, no etcd) or <c>cluster</c>.</param>
/// <param name="Lag">Revisions the store has that this node has not applied yet.</param>
/// <param name="DownVotes">Sites some live node cannot reach, with those nodes.</param>
/// <param name="DownSites">Sites the cluster has published as down (a majority agreed).</param>
internal sealed record ClusterStatus(string Mode, string? Node, string? Overseer, bool IsOverseer, ClusterStoreStatus Store, long AppliedRevision, long StoreRevision, long Lag,
    IReadOnlyList<ClusterNodeStatus> Nodes, IReadOnlyDictionary<string, string[]> DownVotes, IReadOnlyList<string> DownSites);

/// <summary>Whether etcd answers (a linearizable read once a second).</summary>
internal sealed record ClusterStoreStatus(bool Available, string? Error, IReadOnlyList<string> Endpoints);

/// <summary>One configured node: its priority (1 = highest), whether its lease is alive, its last heartbeat.</summary>
internal sealed record ClusterNodeStatus(string Name, int Priority, bool Alive, bool Overseer, DateTimeOffset? LastSeen, long? AppliedRevision);
