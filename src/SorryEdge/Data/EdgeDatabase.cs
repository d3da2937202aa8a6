using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SqliteKit;

namespace SorryEdge.Data;

/// <summary>
/// The edge's embedded SQLite database, edge.db in the data directory: connections and migrations come
/// from <see cref="SqliteKit"/> (WAL, synchronous FULL: an accepted write survives a crash).
/// </summary>
internal sealed class EdgeDatabase
{
    private readonly SqliteFile _file;
    private readonly TimeProvider _time;

    public EdgeDatabase(IOptions<EdgeOptions> options, TimeProvider time)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        _file = new SqliteFile(Path.Combine(DataDirectory, "edge.db"));
        _time = time;
    }

    public string DataDirectory { get; }

    /// <summary>Opens a connection with the shared pragmas, on a thread-pool thread (<see cref="DiskWork"/>).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await DiskWork.LeaveSocketThreadAsync();
        return await _file.OpenAsync(cancellationToken);
    }

    /// <summary>Applies the embedded Data/Migrations scripts this file has not seen yet.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await DiskWork.LeaveSocketThreadAsync();
        await SqliteMigrator.MigrateAsync(_file, typeof(EdgeDatabase).Assembly, _time, cancellationToken);
    }
}
