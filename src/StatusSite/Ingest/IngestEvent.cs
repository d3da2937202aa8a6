namespace StatusSite.Ingest;

/// <summary>
/// Body of POST /api/v1/ingest/events. Id is the sender's unique event id and the dedupe key, so a sender
/// may retry until it gets 2xx without producing a second change.
/// </summary>
internal sealed record IngestEvent(
    string? Id,
    string? Source,
    string? Component,
    string? ComponentName,
    string? Group,
    string? Status,
    string? Cause,
    DateTimeOffset? OccurredAt);
