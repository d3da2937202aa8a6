using EdgeAgent.History;

namespace EdgeAgent.Scheduling;

/// <summary>Runs every check once at start, then one loop per check at its own interval; logs verdict changes.</summary>
internal sealed class CheckScheduler(CheckRegistry registry, CheckRunner runner, SqliteDatabase database,
    TimeProvider time, ILogger<CheckScheduler> logger) : BackgroundService
{
    private string _verdict = "green";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The schema must exist before the first result is written or the board is read.
        await database.MigrateAsync(cancellationToken);

        // One round before start completes, so the first verdict served rests on results,
        // not on checks that have not run yet.
        await Task.WhenAll(registry.Entries.Select(e => runner.RunAsync(e, cancellationToken)));
        NoteVerdict();
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Entries.Select(e => LoopAsync(e, stoppingToken)));

    private async Task LoopAsync(CheckEntry entry, CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(entry.Options.Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await runner.RunAsync(entry, stoppingToken);
                NoteVerdict();
            }
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
