namespace SorryEdge.Customers;

/// <summary>A hosting customer who owns sites.</summary>
internal sealed record Customer(string Id, string Name, DateTimeOffset CreatedAt);
