using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>Accepts the configured bootstrap staff token while it is set (compared in constant time).</summary>
internal sealed class BootstrapTokenValidator(IOptionsMonitor<EdgeOptions> options) : IAdminTokenValidator
{
    public ValueTask<AdminPrincipal?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var expected = options.CurrentValue.Admin.BootstrapToken;
        var valid = expected is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return ValueTask.FromResult(valid ? new AdminPrincipal("bootstrap", IsStaff: true, CustomerId: null) : null);
    }
}
