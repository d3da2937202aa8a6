using EdgeAgent.History;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Scheduling;

/// <summary>Keeps the history bounded by age and count; a failed prune is logged and retried next time.</summary>
internal sealed class HistoryPruner(HistoryStore history, IOptions<HistoryOptions> options, TimeProvider time,
    ILogger<HistoryPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PruneInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await history.PruneAsync(time.GetUtcNow() - settings.MaxAge, settings.MaxRowsPerCheck, stoppingToken);
                    if (deleted > 0)
                    {
                        Log.Pruned(logger, deleted);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.PruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
