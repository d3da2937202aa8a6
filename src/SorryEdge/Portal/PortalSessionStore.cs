using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Data;
using SqliteKit;

namespace SorryEdge.Portal;

/// <summary>
/// Server-side portal sessions: the cookie only names one. Logging out ends it here, so a copy
/// of the cookie is worthless afterwards; a session opened with the bootstrap token is open only
/// while the configured bootstrap token still hashes to what it was opened with.
/// </summary>
internal sealed class PortalSessionStore(EdgeDatabase database, IOptionsMonitor<EdgeOptions> options, TimeProvider time)
{
    private const string Insert = "INSERT INTO portal_sessions (id, token_id, secret_hash, created_at) VALUES ($id, $token, $hash, $at)";
    private const string Select = "SELECT token_id, secret_hash FROM portal_sessions WHERE id = $id AND ended_at IS NULL";
    private const string End = "UPDATE portal_sessions SET ended_at = $at WHERE id = $id AND ended_at IS NULL";

    public async Task<string> OpenAsync(string tokenId, string secret, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, Insert, ("$id", id), ("$token", tokenId), ("$hash", Hash(secret)),
            ("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>True while the session was not ended and (bootstrap sessions) the bootstrap token is unchanged.</summary>
    public async Task<bool> IsOpenAsync(string id, string tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, Select, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.GetString(0) != tokenId)
        {
            return false;
        }

        if (tokenId != "bootstrap")
        {
            return true;
        }

        var current = options.CurrentValue.Admin.BootstrapToken;
        return current is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(current)), Encoding.ASCII.GetBytes(reader.GetString(1)));
    }

    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, End, ("$id", id), ("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sorryedge-portal-session:" + secret)));
}
