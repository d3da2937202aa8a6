namespace StatusSite.Domain;

/// <summary>Everything the public site shows, loaded once per change; Incidents excludes drafts and discarded ones.</summary>
internal sealed record SiteData(
    IReadOnlyList<Component> Components,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<HistoryPoint> History,
    DateTimeOffset UpdatedAt);
