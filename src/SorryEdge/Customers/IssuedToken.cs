namespace SorryEdge.Customers;

/// <summary>A token just created: the only time its secret is shown.</summary>
internal sealed record IssuedToken(string Id, string Token, string Scope, string? Customer, string Name, DateTimeOffset CreatedAt);
