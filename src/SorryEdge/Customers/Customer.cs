namespace SorryEdge.Customers;

/// <summary>A hosting customer who owns sites.</summary>
public sealed record Customer(string Id, string Name, DateTimeOffset CreatedAt);
