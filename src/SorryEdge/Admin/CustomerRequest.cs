namespace SorryEdge.Admin;

/// <summary>Body of <c>POST /api/v1/customers</c> and of token requests (name only).</summary>
public sealed record CustomerRequest(string? Id, string? Name);
