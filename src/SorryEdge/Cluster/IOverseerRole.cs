namespace SorryEdge.Cluster;

/// <summary>
/// Whether this node speaks for the cluster: publishes to the status site, records schedule
/// transitions and the cluster's health changes. A single node always does.
/// </summary>
internal interface IOverseerRole
{
    bool IsOverseer { get; }
}
