namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/bypass</c>.</summary>
internal sealed record BypassRequest(IReadOnlyList<string>? Cidrs);
