namespace StatusSite.Domain;

/// <summary>One posted update of an incident or maintenance; Body is Markdown.</summary>
internal sealed record IncidentUpdate(
    string Id,
    string IncidentId,
    string Status,
    string Body,
    bool Automatic,
    DateTimeOffset CreatedAt);
