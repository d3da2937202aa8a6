using SorryEdge.Customers;
using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>Issued tokens first, then the bootstrap staff token while it is configured.</summary>
internal sealed class CompositeTokenValidator(CustomerStore tokens, BootstrapTokenValidator bootstrap) : IAdminTokenValidator
{
    public async ValueTask<AdminPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken) =>
        await tokens.ValidateAsync(token, cancellationToken) ?? await bootstrap.ValidateAsync(token, cancellationToken);
}
