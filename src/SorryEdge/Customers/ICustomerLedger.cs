namespace SorryEdge.Customers;

/// <summary>
/// Where customer and token writes go in cluster mode (etcd); the local tables are then written
/// by the cluster follower on every node. Absent on a single node, which writes SQLite directly.
/// </summary>
internal interface ICustomerLedger
{
    /// <summary>False when the id exists already.</summary>
    Task<bool> CreateCustomerAsync(Customer customer, CancellationToken cancellationToken);

    Task IssueTokenAsync(IssuedToken token, string hash, CancellationToken cancellationToken);

    /// <summary>False when the token does not exist or was revoked before.</summary>
    Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
