namespace SorryEdge.Health;

/// <summary>What the edge knows about one destination right now.</summary>
/// <param name="Id">The YARP destination id.</param>
/// <param name="Health">The rise/fall verdict.</param>
/// <param name="Since">When the verdict last changed.</param>
/// <param name="LastCheck">The last probe or failed request, if any.</param>
internal sealed record DestinationStatus(string Id, HealthVerdict Health, DateTimeOffset Since, ProbeResult? LastCheck);
