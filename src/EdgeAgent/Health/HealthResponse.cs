namespace EdgeAgent.Health;

/// <summary>The JSON of GET /health, the contract the edge parses.</summary>
internal sealed record HealthResponse(
    string Status,
    int Weight,
    DateTimeOffset GeneratedAt,
    string Host,
    IReadOnlyList<HealthReason> Reasons,
    IReadOnlyList<HealthCheck> Checks);
