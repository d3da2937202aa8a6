namespace SorryEdge.Cluster;

/// <summary>The embedded single node: it is the whole cluster, so it always speaks for it.</summary>
internal sealed class SingleNodeRole : IOverseerRole
{
    public bool IsOverseer => true;
}
