using Microsoft.Data.Sqlite;
using SqliteKit;

namespace EdgeAgent.History;

/// <summary>The history database file: connections and the embedded History/Migrations come from <see cref="SqliteKit"/>.</summary>
internal sealed class SqliteDatabase(string path, TimeProvider time)
{
    private readonly SqliteFile _file = new(path);

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _file.OpenAsync(cancellationToken);

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(_file, typeof(SqliteDatabase).Assembly, time, cancellationToken);
}
