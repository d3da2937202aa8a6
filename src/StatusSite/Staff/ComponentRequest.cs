namespace StatusSite.Staff;

/// <summary>Body of PUT /api/v1/components/{id}.</summary>
internal sealed record ComponentRequest(string? Name, string? Status, string? Group);
