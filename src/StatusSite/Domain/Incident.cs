namespace StatusSite.Domain;

/// <summary>An incident or scheduled maintenance with its updates (oldest first) and affected components.</summary>
internal sealed record Incident(
    string Id,
    string Kind,
    string Name,
    string Status,
    string Impact,
    bool Draft,
    bool Automatic,
    string? AutoComponentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? ScheduledUntil,
    IReadOnlyList<IncidentUpdate> Updates,
    IReadOnlyList<AffectedComponent> Components)
{
    public bool IsMaintenance => Kind == IncidentKind.Maintenance;

    public bool IsOpen => !IncidentStatus.IsClosed(Status);
}
