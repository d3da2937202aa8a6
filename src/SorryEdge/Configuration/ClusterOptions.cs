namespace SorryEdge.Configuration;

/// <summary>
/// Cluster mode, section <c>Edge:Cluster</c>. With no etcd endpoints the edge is today's embedded
/// single node; with them, every edge shares one state in etcd and elects an overseer.
/// </summary>
internal sealed class ClusterOptions
{
    public const string SectionName = "Edge:Cluster";

    public ClusterEtcdOptions Etcd { get; set; } = new();

    /// <summary>This node's unique name.</summary>
    public string? Node { get; set; }

    /// <summary>Every node's name in overseer priority order, first = highest.</summary>
    public string[] Nodes { get; set; } = [];

    /// <summary>How long a better node must have been alive before it takes the overseer role back.</summary>
    public int OverseerStabilityMs { get; set; } = 10_000;

    /// <summary>Local address the edge binds its outgoing connections (forwarding, probes) to.</summary>
    public string? SourceAddress { get; set; }

    /// <summary>Key prefix of everything SorryEdge keeps in etcd.</summary>
    public string Prefix { get; set; } = "/sorryedge/";

    /// <summary>TTL of the node's lease: its liveness, its health votes and its overseer key.</summary>
    public int LeaseTtlSeconds { get; set; } = 5;

    /// <summary>Deadline of one call to etcd.</summary>
    public int CallTimeoutMs { get; set; } = 2_000;

    /// <summary>How long audit records stay in etcd; every node keeps the full history locally.</summary>
    public int AuditRetentionHours { get; set; } = 24 * 7;

    public bool Enabled => Etcd.Endpoints.Length > 0;
}
