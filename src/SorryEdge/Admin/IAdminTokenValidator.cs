using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>Turns a bearer token into a principal, or null when it is not a valid token.</summary>
internal interface IAdminTokenValidator
{
    ValueTask<AdminPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken);
}
