namespace EdgeAgent.Health;

/// <summary>One check as shown in /health.</summary>
internal sealed record HealthCheck(
    string Name,
    string Kind,
    string Status,
    bool Hard,
    bool Flapping,
    double? Value,
    string Unit,
    string Message,
    DateTimeOffset Since,
    DateTimeOffset? LastRun);
