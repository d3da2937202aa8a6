namespace SorryEdge.Configuration;

/// <summary>Where etcd is, section <c>Edge:Cluster:Etcd</c>.</summary>
internal sealed class ClusterEtcdOptions
{
    /// <summary>Client URLs of every etcd member (all of them: a client with one has nowhere to fail over to).</summary>
    public string[] Endpoints { get; set; } = [];
}
