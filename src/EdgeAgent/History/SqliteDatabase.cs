using System.Reflection;
using Microsoft.Data.Sqlite;

namespace EdgeAgent.History;

/// <summary>The history database file: WAL mode and the embedded migrations, applied in order at start.</summary>
internal sealed class SqliteDatabase(string path)
{
    private const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
    private const string SelectVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
    private const string InsertVersion = "INSERT INTO schema_version (version) VALUES (@version)";

    public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = CreateVersionTable;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long current;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = SelectVersion;
            current = (long)(await select.ExecuteScalarAsync(cancellationToken))!;
        }

        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n, Version: int.Parse(n.Split(".Migrations.")[1][..3], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(s => s.Version > current)
            .OrderBy(s => s.Version);
        foreach (var (name, version) in scripts)
        {
            await using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var sql = await reader.ReadToEndAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var migrate = connection.CreateCommand())
            {
                migrate.Transaction = transaction;
                migrate.CommandText = sql;
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = InsertVersion;
                record.Parameters.AddWithValue("@version", version);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}
