using EdgeAgent.History;

namespace EdgeAgent.Scheduling;

/// <summary>One loop per check at its own interval (first run at start); logs verdict changes.</summary>
internal sealed class CheckScheduler(CheckRegistry registry, CheckRunner runner, SqliteDatabase database,
    TimeProvider time, ILogger<CheckScheduler> logger) : BackgroundService
{
    private string _verdict = "green";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The schema must exist before the first result is written or the board is read.
        await database.MigrateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Entries.Select(e => LoopAsync(e, stoppingToken)));

    private async Task LoopAsync(CheckEntry entry, CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(entry.Options.Interval, time);
            do
            {
                await runner.RunAsync(entry, stoppingToken);
                NoteVerdict();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private void NoteVerdict()
    {
        var now = registry.Verdict().Wire;
        var before = Interlocked.Exchange(ref _verdict, now);
        if (before != now)
        {
            Log.VerdictChanged(logger, before, now);
        }
    }
}
