using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StatusSite.Ingest;

namespace StatusSite.Auth;

/// <summary>Holds only SHA-256 hashes of the configured tokens and compares in constant time.</summary>
internal sealed class TokenSet
{
    private readonly byte[]? _staff;
    private readonly List<byte[]> _ingest;

    public TokenSet(IOptions<StatusAdminOptions> admin, IOptions<StatusIngestOptions> ingest)
    {
        _staff = string.IsNullOrEmpty(admin.Value.BootstrapToken) ? null : Hash(admin.Value.BootstrapToken);
        _ingest = ingest.Value.Tokens.Where(t => t.Length > 0).Select(Hash).ToList();
    }

    public bool IsStaff(string token) => _staff is not null && CryptographicOperations.FixedTimeEquals(Hash(token), _staff);

    public bool IsIngest(string token)
    {
        var hash = Hash(token);
        var match = false;
        foreach (var candidate in _ingest)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, candidate);
        }

        return match;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
