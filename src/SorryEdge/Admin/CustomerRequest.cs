namespace SorryEdge.Admin;

/// <summary>Body of <c>POST /api/v1/customers</c> and of token requests (name only).</summary>
internal sealed record CustomerRequest(string? Id, string? Name);
