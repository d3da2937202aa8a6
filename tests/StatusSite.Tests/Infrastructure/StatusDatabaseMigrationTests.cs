using MailOutbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SqliteKit;
using SqliteKit.Tests;
using StatusSite.Data;
using StatusSite.Hosting;

namespace StatusSite.Tests.Infrastructure;

/// <summary>
/// A status.db of the release before SqliteKit (Fixtures/status-v1.db, written by 7a061bf's
/// StatusDatabase.MigrateAsync: bookkeeping in PRAGMA user_version = 3) opens and migrates in place.
/// </summary>
public sealed class StatusDatabaseMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("status-migration-").FullName;
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task Migrate_V1Database_KeepsDataAndRecordsEachMigrationOnce()
    {
        var path = DatabaseSnapshot.CopyFixture("status-v1.db", _directory, "status.db");
        var before = await DatabaseSnapshot.TakeAsync(path);
        Assert.Contains("user_version 3", before);
        var database = Database();

        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(path, "schema_migrations"));
        var scripts = MigrationScripts.Find(typeof(StatusDatabase).Assembly);
        Assert.Equal(scripts.Select(s => ((long)s.Version, s.Name, (long?)null)), await DatabaseSnapshot.MigrationsAsync(path));
        Assert.Equal(["initial", "publication", "subscribers"], (await DatabaseSnapshot.MigrationsAsync(path)).Select(m => m.Name));

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            var component = Assert.Single(await new ComponentStore().ListAsync(connection, null, CancellationToken.None));
            Assert.Equal(("c0mp0nent001", "Shop", false), (component.Id, component.Name, component.Hidden));
        }

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763632860000), await database.WriteAsync(
            (c, tx) => new ComponentStore().LastEventAtAsync(c, tx, "c0mp0nent001", CancellationToken.None), CancellationToken.None));

        var migrated = await DatabaseSnapshot.TakeAsync(path);
        _time.Advance(TimeSpan.FromHours(1));
        await Database().MigrateAsync(CancellationToken.None);
        Assert.Equal(migrated, await DatabaseSnapshot.TakeAsync(path));
    }

    [Fact]
    public async Task Migrate_NewFile_RecordsEveryScriptAtClockTime()
    {
        await Database().MigrateAsync(CancellationToken.None);

        var rows = await DatabaseSnapshot.MigrationsAsync(Path.Combine(_directory, "status.db"));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Version));
        Assert.All(rows, r => Assert.Equal(Now.ToUnixTimeMilliseconds(), r.AppliedAt));
    }

    [Fact]
    public async Task Migrate_V1DatabaseAtVersion2_CarriesTwoOverAndAppliesTheThird()
    {
        // What 7a061bf's StatusDatabase left after scripts 001 and 002: each script, then PRAGMA user_version = N.
        var path = Path.Combine(_directory, "status.db");
        var assembly = typeof(StatusDatabase).Assembly;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            foreach (var script in MigrationScripts.Find(assembly).Where(s => s.Version <= 2))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = await MigrationScripts.ReadAsync(assembly, script, CancellationToken.None) + $"\nPRAGMA user_version = {script.Version};";
                await command.ExecuteNonQueryAsync();
            }
        }

        await Database().MigrateAsync(CancellationToken.None);

        Assert.Equal(
            [(1L, "initial", null), (2L, "publication", null), (3L, "subscribers", (long?)Now.ToUnixTimeMilliseconds())],
            await DatabaseSnapshot.MigrationsAsync(path));
        Assert.Contains("table subscribers", await DatabaseSnapshot.TakeAsync(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private StatusDatabase Database() => new(Microsoft.Extensions.Options.Options.Create(new StatusOptions { DataDirectory = _directory }), _time);
}
