namespace SorryEdge.Health;

/// <summary>What the edge believes about one backend destination.</summary>
internal enum HealthVerdict
{
    /// <summary>Not probed yet: used, and a failure on it is rescued like any other.</summary>
    Unknown,
    Healthy,
    Unhealthy,
}
