namespace SorryEdge.Cluster;

/// <summary>Another node kept changing the same record: the write was not applied (answered 409).</summary>
internal sealed class ClusterConflictException(string message) : Exception(message);
