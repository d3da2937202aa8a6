namespace SorryEdge.Cluster;

/// <summary>The cluster store could not be reached in time: the write was not accepted (answered 503).</summary>
internal sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
