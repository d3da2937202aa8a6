using Microsoft.Data.Sqlite;

namespace SqliteKit;

/// <summary>
/// The one migration bookkeeping: a row per applied script. applied_at is <see cref="DbTime"/>, NULL for
/// scripts a previous release applied without recording when (see <see cref="LegacyBookkeeping"/>).
/// </summary>
internal static class SchemaMigrations
{
    public const string TableName = "schema_migrations";

    public const string CreateSql = """
        CREATE TABLE schema_migrations (
            version     INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            applied_at  INTEGER NULL
        )
        """;

    private const string InsertSql = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)";
    private const string SelectSql = "SELECT version FROM schema_migrations";

    public static async Task RecordAsync(
        SqliteConnection connection, SqliteTransaction transaction, int version, string name, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", DbTime.ToDb(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<HashSet<long>> AppliedAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<long>();
        await using var command = connection.CreateCommand();
        command.CommandText = SelectSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }
}
