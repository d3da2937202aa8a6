using EdgeAgent.Evaluation;
using EdgeAgent.History;
using EdgeAgent.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EdgeAgent.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private async Task<(SqliteDatabase Db, HistoryStore Store)> CreateAsync()
    {
        var db = new SqliteDatabase(_dir.File("h.db"), TimeProvider.System);
        await db.MigrateAsync(CancellationToken.None);
        return (db, new HistoryStore(db));
    }

    private static CheckSnapshot Result(string name, DateTimeOffset at, double value) =>
        new(name, "load", CheckStatus.Ok, true, false, 0, value, "", "m", at, at, 1);

    [Fact]
    public async Task Migrate_Twice_WalModeAndSingleVersion()
    {
        var (db, _) = await CreateAsync();
        await db.MigrateAsync(CancellationToken.None);
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Recent_ReturnsNewestOldestFirst()
    {
        var (_, store) = await CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(Result("a", Start.AddMinutes(i), i), CancellationToken.None);
        }

        var recent = await store.RecentAsync("a", 3, CancellationToken.None);
        Assert.Equal([2.0, 3.0, 4.0], recent.Select(r => r.Value!.Value));
    }

    [Fact]
    public async Task Prune_ByAgeAndCount_KeepsBounds()
    {
        var (_, store) = await CreateAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.AddAsync(Result("a", Start.AddMinutes(i), i), CancellationToken.None);
            await store.AddAsync(Result("b", Start.AddMinutes(i), i), CancellationToken.None);
        }

        var deleted = await store.PruneAsync(Start.AddMinutes(5), keepPerCheck: 10, CancellationToken.None);
        Assert.Equal(20, deleted);
        var a = await store.RecentAsync("a", 100, CancellationToken.None);
        Assert.Equal(10, a.Count);
        Assert.Equal(10, a[0].Value);
        Assert.Equal(10, (await store.RecentAsync("b", 100, CancellationToken.None)).Count);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
