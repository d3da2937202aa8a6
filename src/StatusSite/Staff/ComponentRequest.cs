namespace StatusSite.Staff;

/// <summary>Body of PUT /api/v1/components/{id}; Hidden null keeps what it was (new staff components are public).</summary>
internal sealed record ComponentRequest(string? Name, string? Status, string? Group, bool? Hidden = null);
