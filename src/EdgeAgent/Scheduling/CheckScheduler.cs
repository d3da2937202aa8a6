using EdgeAgent.History;

namespace EdgeAgent.Scheduling;

/// <summary>Runs every check once at start, then one loop per check at its own interval; logs verdict changes.</summary>
internal sealed class CheckScheduler(CheckRegistry registry, CheckRunner runner, SqliteDatabase database,
    TimeProvider time, ILogger<CheckScheduler> logger) : BackgroundService
{
    private string _verdict = "green";
    private List<(CheckEntry Entry, PeriodicTimer Timer)> _timers = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The schema must exist before the first result is written or the board is read.
        await database.MigrateAsync(cancellationToken);

        // One round before start completes, so the first verdict served rests on results,
        // not on checks that have not run yet.
        await Task.WhenAll(registry.Entries.Select(e => runner.RunAsync(e, cancellationToken)));
        NoteVerdict();

        // The intervals start now, before ExecuteAsync is scheduled (it runs on a pool thread): a
        // clock that moves right after start already finds every check's timer armed.
        _timers = [.. registry.Entries.Select(e => (e, new PeriodicTimer(e.Options.Interval, time)))];
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(t => LoopAsync(t.Entry, t.Timer, stoppingToken)));

    private async Task LoopAsync(CheckEntry entry, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            using var owned = timer;
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
