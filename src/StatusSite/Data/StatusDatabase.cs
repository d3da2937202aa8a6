using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StatusSite.Hosting;

namespace StatusSite.Data;

/// <summary>Opens connections to status.db (WAL), applies embedded migrations and serialises writers.</summary>
internal sealed class StatusDatabase(IOptions<StatusOptions> options)
{
    private const string VersionSql = "PRAGMA user_version";

    // One writer at a time: SQLite allows one anyway, and queuing here avoids busy retries.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "status.db"),
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>Runs one write transaction; the caller's work commits as a whole or not at all.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var result = await work(connection, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(_connectionString).DataSource)!);
        await using var connection = await OpenAsync(ct);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(ct);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = VersionSql;
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order();
        foreach (var name in scripts)
        {
            var number = int.Parse(name.Split('.')[^2].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);
            if (number <= version)
            {
                continue;
            }

            await using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var sql = await reader.ReadToEndAsync(ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var apply = connection.CreateCommand();
            apply.Transaction = tx;
            apply.CommandText = sql + $"\nPRAGMA user_version = {number};";
            await apply.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}
