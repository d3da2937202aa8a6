namespace SorryEdge.Health;

/// <summary>An EdgeAgent's verdict on the host behind a backend.</summary>
internal enum AgentVerdict
{
    /// <summary>No agent, or it could not be asked: the backend is judged by probes alone.</summary>
    Unknown,
    Green,

    /// <summary>Degrading: the backend gets a smaller share of traffic.</summary>
    Orange,

    /// <summary>Failing: the backend is drained — no new requests.</summary>
    Red,
}
