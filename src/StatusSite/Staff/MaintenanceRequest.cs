namespace StatusSite.Staff;

/// <summary>Body of POST /api/v1/maintenances.</summary>
internal sealed record MaintenanceRequest(
    string? Name, DateTimeOffset? ScheduledFor, DateTimeOffset? ScheduledUntil, string? Body, string[]? Components);
