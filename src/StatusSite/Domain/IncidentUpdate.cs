namespace StatusSite.Domain;

/// <summary>One posted update of an incident or maintenance; Body is Markdown; Affected is what it did to components (null before it was recorded).</summary>
internal sealed record IncidentUpdate(
    string Id,
    string IncidentId,
    string Status,
    string Body,
    bool Automatic,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ComponentChange>? Affected = null);
