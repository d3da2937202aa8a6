namespace StatusSite.Domain;

/// <summary>A component as stored; Automatic says the last status change came from ingest.</summary>
internal sealed record Component(
    string Id,
    string Name,
    string? Group,
    string Status,
    int Position,
    string? Description,
    bool Automatic,
    string? Cause,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
