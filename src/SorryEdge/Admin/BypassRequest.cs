namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/bypass</c>.</summary>
public sealed record BypassRequest(IReadOnlyList<string>? Cidrs);
