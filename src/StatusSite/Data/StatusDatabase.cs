using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SqliteKit;
using StatusSite.Hosting;

namespace StatusSite.Data;

/// <summary>status.db: connections and embedded migrations from <see cref="SqliteKit"/>; serialises writers.</summary>
internal sealed class StatusDatabase(IOptions<StatusOptions> options, TimeProvider time)
{
    // One writer at a time: SQLite allows one anyway, and queuing here avoids busy retries.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteFile _file = new(Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "status.db"));

    public Task<SqliteConnection> OpenAsync(CancellationToken ct) => _file.OpenAsync(ct);

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

    /// <summary>Applies the embedded Data/Migrations scripts this file has not seen yet.</summary>
    public Task MigrateAsync(CancellationToken ct) => SqliteMigrator.MigrateAsync(_file, typeof(StatusDatabase).Assembly, time, ct);
}
