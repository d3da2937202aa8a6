namespace SorryEdge.Customers;

/// <summary>A token as listed: never its secret.</summary>
internal sealed record TokenInfo(string Id, string Scope, string? Customer, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
