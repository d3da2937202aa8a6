using System.Globalization;
using MailOutbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Configuration;
using SorryEdge.Data;
using SorryEdge.Events;
using SqliteKit;
using SqliteKit.Tests;

namespace SorryEdge.Tests.Unit;

/// <summary>
/// An edge.db of the release before SqliteKit (Fixtures/edge-v1.db, written by 7a061bf's
/// EdgeDatabase.MigrateAsync: schema_migrations(version, applied_at TEXT)) opens and migrates in place.
/// </summary>
public sealed class EdgeDatabaseMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // When 7a061bf applied the fixture's migrations, as it wrote them (ISO-8601 text).
    private static readonly string[] V1AppliedAt =
    [
        "2026-11-30T16:56:59.4455112+00:00", "2026-11-30T16:56:59.4598549+00:00", "2026-11-30T16:56:59.4670849+00:00",
        "2026-11-30T16:56:59.4725469+00:00", "2026-11-30T16:56:59.4738508+00:00", "2026-11-30T16:56:59.4829168+00:00",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("edge-migration-").FullName;
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task Migrate_V1Database_KeepsDataAndCarriesEachMigrationOverOnce()
    {
        var path = DatabaseSnapshot.CopyFixture("edge-v1.db", _directory, "edge.db");
        // Migration 015 (after v1) adds audit.action: every other table is byte for byte as v1 left it.
        var before = await DatabaseSnapshot.TakeAsync(path, "schema_migrations", "audit");
        var auditBefore = await CountAsync(path, "SELECT count(*) FROM audit");
        var database = Database();

        await database.MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(path, "schema_migrations", "audit"));
        Assert.Equal(auditBefore, await CountAsync(path, "SELECT count(*) FROM audit"));
        Assert.True(auditBefore > 0, "the fixture has audit rows");
        var rows = await DatabaseSnapshot.MigrationsAsync(path);
        var scripts = MigrationScripts.Find(typeof(EdgeDatabase).Assembly);
        Assert.Equal(scripts.Select(s => ((long)s.Version, s.Name)), rows.Select(r => (r.Version, r.Name)));
        Assert.Equal([1L, 2L, 3L, 4L, 6L, 14L, 15L], rows.Select(r => r.Version));
        Assert.Equal("customers_tokens_pages", rows[1].Name);
        Assert.Equal(V1AppliedAt.Select(t => (long?)DateTimeOffset.Parse(t, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()).Append(Now.ToUnixTimeMilliseconds()),
            rows.Select(r => r.AppliedAt));
        Assert.DoesNotContain("schema_migrations_v1", await DatabaseSnapshot.TakeAsync(path));

        await using (var recorder = new SqliteEventRecorder(database, new EdgeMetrics(), null, _time, NullLogger<SqliteEventRecorder>.Instance))
        {
            var events = await recorder.ListAsync("shop", null, null, 0, 10, CancellationToken.None);
            Assert.Equal(["probe failed", "manual failback"], events.Select(e => e.Cause));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 1, 0, TimeSpan.Zero), events[0].At);
        }

        var migrated = await DatabaseSnapshot.TakeAsync(path);
        _time.Advance(TimeSpan.FromHours(1));
        await Database().MigrateAsync(CancellationToken.None);
        Assert.Equal(migrated, await DatabaseSnapshot.TakeAsync(path));
    }

    [Fact]
    public async Task Migrate_NewFile_RecordsEveryScriptOnceAtClockTime()
    {
        await Database().MigrateAsync(CancellationToken.None);
        await Database().MigrateAsync(CancellationToken.None);

        var rows = await DatabaseSnapshot.MigrationsAsync(Path.Combine(_directory, "edge.db"));
        Assert.Equal([1L, 2L, 3L, 4L, 6L, 14L, 15L], rows.Select(r => r.Version));
        Assert.All(rows, r => Assert.Equal(Now.ToUnixTimeMilliseconds(), r.AppliedAt));
    }

    [Fact]
    public async Task Migrate_NewFile_CreatesTheSameMailOutboxAsTheStatusSite()
    {
        // MailOutboxStore works on a table each program's own migrations create (edge 006, status site 003;
        // applied scripts are history): the two must not drift apart.
        await Database().MigrateAsync(CancellationToken.None);
        var statusDirectory = Directory.CreateDirectory(Path.Combine(_directory, "status")).FullName;
        await new StatusSite.Data.StatusDatabase(Options.Create(new StatusSite.Hosting.StatusOptions { DataDirectory = statusDirectory }), _time).MigrateAsync(CancellationToken.None);

        var edge = Path.Combine(_directory, "edge.db");
        var status = Path.Combine(statusDirectory, "status.db");
        var table = await DatabaseSnapshot.SqlOfAsync(edge, "mail_outbox");
        Assert.Contains("next_attempt_at INTEGER NOT NULL", table, StringComparison.Ordinal);
        Assert.Equal(table, await DatabaseSnapshot.SqlOfAsync(status, "mail_outbox"));
        Assert.Equal(await DatabaseSnapshot.SqlOfAsync(edge, "ix_mail_outbox_due"), await DatabaseSnapshot.SqlOfAsync(status, "ix_mail_outbox_due"));
    }

    [Fact]
    public async Task Migrate_V1BookkeepingWithAVersionThisBuildLacks_KeepsItUnderAPlaceholderName()
    {
        var path = DatabaseSnapshot.CopyFixture("edge-v1.db", _directory, "edge.db");
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            // As a newer release would have recorded a migration 99 in the v1 table.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2026-12-01T08:00:00.0000000+00:00')";
            await command.ExecuteNonQueryAsync();
        }

        await Database().MigrateAsync(CancellationToken.None);

        var rows = await DatabaseSnapshot.MigrationsAsync(path);
        Assert.Equal(8, rows.Count);
        Assert.Equal((99L, LegacyBookkeeping.UnknownName, (long?)new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()), rows[^1]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<long> CountAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private EdgeDatabase Database() => new(Options.Create(new EdgeOptions { DataDirectory = _directory }), _time);
}
