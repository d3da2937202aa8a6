using System.Reflection;
using Microsoft.Data.Sqlite;

namespace SqliteKit;

/// <summary>
/// Brings a database file up to a program's embedded migrations at start: WAL mode, the one bookkeeping
/// table (carried over from an older release's, see <see cref="LegacyBookkeeping"/>), then each missing
/// script in a transaction of its own together with its bookkeeping row.
/// </summary>
internal static class SqliteMigrator
{
    public static async Task MigrateAsync(SqliteFile file, Assembly migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
        var scripts = MigrationScripts.Find(migrations);
        await using var connection = await file.OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = SqlitePragmas.JournalMode;
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await LegacyBookkeeping.EnsureTableAsync(connection, scripts, cancellationToken);
        var applied = await SchemaMigrations.AppliedAsync(connection, cancellationToken);
        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            var sql = await MigrationScripts.ReadAsync(migrations, script, cancellationToken);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var apply = connection.CreateCommand())
            {
                apply.Transaction = tx;
                apply.CommandText = sql;
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await SchemaMigrations.RecordAsync(connection, tx, script.Version, script.Name, time.GetUtcNow(), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
    }
}
