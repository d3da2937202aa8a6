using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.History;
using EdgeAgent.Probes;
using EdgeAgent.Scheduling;
using EdgeAgent.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Scheduling;

/// <summary>The scheduler and runner driven by a fake clock: intervals and timeouts without waiting.</summary>
public sealed class SchedulerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteDatabase _db;
    private readonly HistoryStore _history;

    public SchedulerTests()
    {
        _db = new SqliteDatabase(_dir.File("h.db"), _time);
        _history = new HistoryStore(_db);
    }

    [Fact]
    public async Task Scheduler_RunsAtStartThenOncePerInterval()
    {
        var check = new CheckOptions
        {
            Name = "c",
            Kind = "command",
            Command = "/bin/sh",
            Arguments = ["-c", "echo 'OK | v=1'"],
            Interval = TimeSpan.FromMinutes(1),
            MaxAttempts = 1,
        };
        var registry = new CheckRegistry(Options.Create(new AgentOptions { Checks = [check] }),
            new ProbeFactory(new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), _time), _time);
        var runner = new CheckRunner(_history, _time, NullLogger<CheckRunner>.Instance);
        using var scheduler = new CheckScheduler(registry, runner, _db, _time, NullLogger<CheckScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => CountAsync("c"), n => n == 1, TimeSpan.FromSeconds(30), "first run");
            _time.Advance(TimeSpan.FromMinutes(1));
            await Poll.UntilAsync(() => CountAsync("c"), n => n == 2, TimeSpan.FromSeconds(30), "second run");
            Assert.Equal(_time.GetUtcNow(), registry.Find("c")!.Snapshot.LastRun);
            Assert.Equal(CheckStatus.Ok, registry.Find("c")!.Snapshot.Status);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Runner_ProbeExceedsTimeout_Unknown()
    {
        await _db.MigrateAsync(CancellationToken.None);
        var options = new CheckOptions { Name = "hang", Kind = "command", Timeout = TimeSpan.FromSeconds(10), MaxAttempts = 1 };
        var entry = new CheckEntry(options, new HangingProbe(),
            new CheckStateMachine("hang", "command", new ThresholdEvaluator(null, null), 1, 5, 20, _time.GetUtcNow()));
        var runner = new CheckRunner(_history, _time, NullLogger<CheckRunner>.Instance);
        var run = runner.RunAsync(entry, CancellationToken.None);
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(10));
        var snapshot = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(CheckStatus.Unknown, snapshot.Status);
        Assert.True(snapshot.Hard);
        Assert.Contains("timed out after 10 s", snapshot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_ProbeThrows_UnknownNeverOk()
    {
        await _db.MigrateAsync(CancellationToken.None);
        var entry = new CheckEntry(new CheckOptions { Name = "boom", Kind = "disk" }, new FileSystemProbe("/no/such/dir", false),
            new CheckStateMachine("boom", "disk", new ThresholdEvaluator(NagiosRange.Parse("80"), null), 1, 5, 20, _time.GetUtcNow()));
        var snapshot = await new CheckRunner(_history, _time, NullLogger<CheckRunner>.Instance).RunAsync(entry, CancellationToken.None);
        Assert.Equal(CheckStatus.Unknown, snapshot.Status);
        Assert.StartsWith("could not run", snapshot.Message, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(string name) => (await _history.RecentAsync(name, 100, CancellationToken.None)).Count;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
