using EdgeAgent.History;
using EdgeAgent.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using SqliteKit;
using SqliteKit.Tests;

namespace EdgeAgent.Tests.History;

/// <summary>
/// A history file of the release before SqliteKit (Fixtures/edgeagent-v1.db, written by 7a061bf's
/// SqliteDatabase.MigrateAsync: bookkeeping in schema_version(version)) opens and migrates in place.
/// </summary>
public sealed class HistoryMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task Migrate_V1Database_KeepsHistoryAndRecordsEachMigrationOnce()
    {
        var path = DatabaseSnapshot.CopyFixture("edgeagent-v1.db", _dir.Path, "edgeagent.db");
        var before = await DatabaseSnapshot.TakeAsync(path, "schema_version");
        var db = new SqliteDatabase(path, _time);

        await db.MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(path, "schema_migrations"));
        var scripts = MigrationScripts.Find(typeof(SqliteDatabase).Assembly);
        Assert.Equal(scripts.Select(s => ((long)s.Version, s.Name, (long?)null)), await DatabaseSnapshot.MigrationsAsync(path));
        Assert.Equal([(1L, "check_results", (long?)null)], await DatabaseSnapshot.MigrationsAsync(path));
        Assert.DoesNotContain("schema_version", await DatabaseSnapshot.TakeAsync(path));

        var store = new HistoryStore(db);
        var load = await store.RecentAsync("load", 10, CancellationToken.None);
        Assert.Equal([0.5, 2.5], load.Select(r => r.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763632860000), load[1].At);
        var disk = Assert.Single(await store.RecentAsync("disk", 10, CancellationToken.None));
        Assert.Equal(("critical", true, true, (double?)null, "disk full"), (disk.Status, disk.Hard, disk.Flapping, disk.Value, disk.Message));

        var migrated = await DatabaseSnapshot.TakeAsync(path);
        _time.Advance(TimeSpan.FromHours(1));
        await new SqliteDatabase(path, _time).MigrateAsync(CancellationToken.None);
        Assert.Equal(migrated, await DatabaseSnapshot.TakeAsync(path));
    }

    [Fact]
    public async Task Migrate_NewFile_RecordsNameAndClockTime()
    {
        var path = _dir.File("fresh/edgeagent.db");

        await new SqliteDatabase(path, _time).MigrateAsync(CancellationToken.None);

        Assert.Equal([(1L, "check_results", (long?)Now.ToUnixTimeMilliseconds())], await DatabaseSnapshot.MigrationsAsync(path));
    }

    [Fact]
    public async Task Open_AnyConnection_RunsTheSharedPragmas()
    {
        var db = new SqliteDatabase(_dir.File("p.db"), _time);
        await db.MigrateAsync(CancellationToken.None);
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT journal_mode FROM pragma_journal_mode) || ' ' || (SELECT synchronous FROM pragma_synchronous) || ' ' || (SELECT foreign_keys FROM pragma_foreign_keys) || ' ' || (SELECT timeout FROM pragma_busy_timeout)";
        Assert.Equal("wal 2 1 5000", (string)(await command.ExecuteScalarAsync())!);
    }

    public void Dispose() => _dir.Dispose();
}
