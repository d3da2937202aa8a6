namespace SorryEdge.Sites;

/// <summary>Whether a customer exists: a site may only name one that does (the customers feature answers).</summary>
internal interface ICustomerDirectory
{
    Task<bool> ExistsAsync(string customerId, CancellationToken cancellationToken);
}
