namespace StatusSite.Staff;

/// <summary>Body of POST /api/v1/incidents/{id}/updates; Components optionally changes component states.</summary>
internal sealed record UpdateRequest(string? Status, string? Body, Dictionary<string, string>? Components);
