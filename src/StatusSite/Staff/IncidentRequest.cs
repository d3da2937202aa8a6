namespace StatusSite.Staff;

/// <summary>Body of POST /api/v1/incidents; Components maps component id to the status it now has.</summary>
internal sealed record IncidentRequest(
    string? Name, string? Status, string? Impact, string? Body, Dictionary<string, string>? Components);
