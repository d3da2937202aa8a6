using Microsoft.Extensions.Options;
using SorryEdge.Configuration;

namespace SorryEdge.Cluster;

/// <summary>
/// Whether this node is the overseer now: it won the <c>overseer</c> key (the fence is that key's
/// create revision), the key still names it at that revision, and the store answers. Written by
/// <see cref="ClusterNode"/>, read by everything that may only run on the overseer.
/// </summary>
internal sealed class OverseerState(ClusterView view, EtcdGateway etcd, IOptions<ClusterOptions> options) : IOverseerRole, Damping.IPublicationGate
{
    private long _fence;

    public long Fence => Interlocked.Read(ref _fence);

    public bool IsOverseer => Fence is var fence && fence != 0 && view.Overseer == options.Value.Node && view.OverseerRevision == fence && etcd.Available;

    /// <summary>Only the overseer publishes damped site state (status site, notifications).</summary>
    public bool IsPublisher => IsOverseer;

    public void Set(long fence) => Interlocked.Exchange(ref _fence, fence);
}
