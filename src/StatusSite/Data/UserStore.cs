using Microsoft.Data.Sqlite;
using SqliteKit;

namespace StatusSite.Data;

/// <summary>Staff accounts; only the KDF hash of a password is stored.</summary>
internal sealed class UserStore
{
    private const string CountSql = "SELECT COUNT(*) FROM users";
    private const string SelectHashSql = "SELECT password_hash FROM users WHERE username = $name";
    private const string UpsertSql = """
        INSERT INTO users (username, password_hash, created_at) VALUES ($name, $hash, $now)
        ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash
        """;

    public async Task<long> CountAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, CountSql);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<string?> GetHashAsync(SqliteConnection c, string username, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, SelectHashSql, ("$name", username));
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public Task UpsertAsync(SqliteConnection c, SqliteTransaction tx, string username, string hash, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, UpsertSql, ct, ("$name", username), ("$hash", hash), ("$now", DbTime.ToDb(now)));
}
