using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SqliteKit;

/// <summary>
/// Creates <see cref="SchemaMigrations"/> and, for a database of a release before this library, carries the
/// old bookkeeping over in the same transaction, so no script runs twice:
/// the edge's <c>schema_migrations(version, applied_at TEXT)</c> is rebuilt with names and Unix-ms times;
/// the agent's <c>schema_version(version)</c> marks every script up to its highest version, then is dropped;
/// the status site's <c>PRAGMA user_version</c> marks every script up to it (the header field stays, unread).
/// </summary>
internal static class LegacyBookkeeping
{
    private const string ColumnsSql = "SELECT name FROM pragma_table_info($table)";
    private const string RenameEdgeV1Sql = "ALTER TABLE schema_migrations RENAME TO schema_migrations_v1";
    private const string SelectEdgeV1Sql = "SELECT version, applied_at FROM schema_migrations_v1 ORDER BY version";
    private const string DropEdgeV1Sql = "DROP TABLE schema_migrations_v1";
    private const string SelectAgentV1Sql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
    private const string DropAgentV1Sql = "DROP TABLE schema_version";
    private const string UserVersionSql = "PRAGMA user_version";

    /// <summary>The name recorded for an applied version this build has no script for (a newer release wrote it).</summary>
    public const string UnknownName = "(not in this build)";

    public static async Task EnsureTableAsync(SqliteConnection connection, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var columns = await ColumnsAsync(connection, tx, SchemaMigrations.TableName, cancellationToken);
        if (columns.Contains("name"))
        {
            return;
        }

        var names = scripts.ToDictionary(s => s.Version, s => s.Name);
        if (columns.Count > 0)
        {
            await FromEdgeV1Async(connection, tx, names, cancellationToken);
        }
        else if ((await ColumnsAsync(connection, tx, "schema_version", cancellationToken)).Count > 0)
        {
            await ExecuteAsync(connection, tx, SchemaMigrations.CreateSql, cancellationToken);
            var highest = Convert.ToInt64(await ScalarAsync(connection, tx, SelectAgentV1Sql, cancellationToken), CultureInfo.InvariantCulture);
            await MarkUpToAsync(connection, tx, scripts, highest, cancellationToken);
            await ExecuteAsync(connection, tx, DropAgentV1Sql, cancellationToken);
        }
        else
        {
            await ExecuteAsync(connection, tx, SchemaMigrations.CreateSql, cancellationToken);
            var userVersion = Convert.ToInt64(await ScalarAsync(connection, tx, UserVersionSql, cancellationToken), CultureInfo.InvariantCulture);
            await MarkUpToAsync(connection, tx, scripts, userVersion, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static async Task FromEdgeV1Async(SqliteConnection connection, SqliteTransaction tx, Dictionary<int, string> names, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, tx, RenameEdgeV1Sql, cancellationToken);
        await ExecuteAsync(connection, tx, SchemaMigrations.CreateSql, cancellationToken);
        var rows = new List<(int Version, string? AppliedAt)>();
        await using (var select = Command(connection, tx, SelectEdgeV1Sql))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        foreach (var (version, appliedAt) in rows)
        {
            DateTimeOffset? at = DateTimeOffset.TryParse(appliedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
            await SchemaMigrations.RecordAsync(connection, tx, version, names.GetValueOrDefault(version, UnknownName), at, cancellationToken);
        }

        await ExecuteAsync(connection, tx, DropEdgeV1Sql, cancellationToken);
    }

    private static async Task MarkUpToAsync(
        SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<MigrationScript> scripts, long highest, CancellationToken cancellationToken)
    {
        foreach (var script in scripts.Where(s => s.Version <= highest))
        {
            await SchemaMigrations.RecordAsync(connection, tx, script.Version, script.Name, null, cancellationToken);
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(SqliteConnection connection, SqliteTransaction tx, string table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var command = Command(connection, tx, ColumnsSql);
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }
}
