using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Data;
using SorryEdge.Events;

namespace SorryEdge.Tests.Unit;

/// <summary>The group-commit event writer against a real SQLite file.</summary>
public sealed class SqliteEventRecorderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("events-").FullName;

    [Fact]
    public async Task Record_ManyChangesAtOnce_AllStoredInOrderAndVisibleToTheNextRead()
    {
        var database = await DatabaseAsync();
        await using var recorder = Recorder(database);

        for (var i = 0; i < 2500; i++)
        {
            recorder.Record(new EdgeEvent("shop", "destination.down", "up", "down", $"probe {i}"));
        }

        // No wait in between: the read flushes what was recorded before it.
        var stored = await recorder.ListAsync("shop", null, null, 0, 5000, CancellationToken.None);
        Assert.Equal(2500, stored.Count);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"probe {i}"), stored.Select(e => e.Cause));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Fact]
    public async Task Dispose_WithChangesQueued_StoresThemAllBeforeReturning()
    {
        var database = await DatabaseAsync();
        var recorder = Recorder(database);
        for (var i = 0; i < 300; i++)
        {
            recorder.Record(new EdgeEvent("shop", "mode", "auto", "maintenance", $"switch {i}"));
        }

        await recorder.DisposeAsync();

        await using var reopened = Recorder(database);
        var stored = await reopened.ListAsync("shop", null, null, 0, 5000, CancellationToken.None);
        Assert.Equal(300, stored.Count);
        Assert.Equal("switch 299", stored[^1].Cause);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<EdgeDatabase> DatabaseAsync()
    {
        var database = new EdgeDatabase(Options.Create(new EdgeOptions { DataDirectory = _directory }), TimeProvider.System);
        await database.MigrateAsync(CancellationToken.None);
        return database;
    }

    private static SqliteEventRecorder Recorder(EdgeDatabase database) =>
        new(database, new EdgeMetrics(), null, TimeProvider.System, NullLogger<SqliteEventRecorder>.Instance);
}
