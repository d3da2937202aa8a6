namespace SorryEdge.Configuration;

/// <summary>
/// What a slow or idle client may hold, section <c>Edge:Limits</c>: Kestrel's minimum data rates
/// (a client that sends its body or reads the answer slower is cut) and the header timeout
/// (slowloris). The forwarder's own limit is each site's <c>responseTimeoutMs</c> (YARP's activity timeout).
/// </summary>
internal sealed class EdgeLimitsOptions
{
    /// <summary>Slowest request body accepted, bytes per second after the grace period; 0 turns the check off.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Slowest reading of an answer accepted, bytes per second after the grace period; 0 turns the check off.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>How long a transfer may be slower than the minimum before it is cut (Kestrel needs more than 1 s).</summary>
    public double DataRateGraceSeconds { get; set; } = 5;

    /// <summary>Longest time a client may take to send its request headers.</summary>
    public double RequestHeadersTimeoutSeconds { get; set; } = 15;
}
