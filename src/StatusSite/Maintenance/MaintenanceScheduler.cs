using StatusSite.Data;
using StatusSite.Public;
using StatusSite.Staff;

namespace StatusSite.Maintenance;

/// <summary>
/// Starts and ends scheduled maintenance on time by itself, and re-renders at midnight UTC so the
/// 90-day bars move on. Sleeps until the next due time (at most MaxSleep) on the injected clock.
/// </summary>
internal sealed partial class MaintenanceScheduler(
    IncidentService incidents, IncidentStore store, StatusDatabase database, PublicSiteCache cache,
    MaintenanceSignal signal, TimeProvider time, ILogger<MaintenanceScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = MaxSleep;
            var wake = signal.WaitAsync();
            try
            {
                var changed = await incidents.AdvanceMaintenanceAsync(stoppingToken);
                if (changed > 0)
                {
                    LogAdvanced(logger, changed);
                }

                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                if (today != day)
                {
                    day = today;
                    await cache.RebuildAsync(stoppingToken);
                }

                sleep = await NextSleepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.WhenAny(Task.Delay(sleep, time, stoppingToken), wake);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<TimeSpan> NextSleepAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var next = await store.NextMaintenanceChangeAsync(connection, ct);
        if (next is null)
        {
            return MaxSleep;
        }

        var wait = next.Value - time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxSleep ? MaxSleep : wait;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Advanced {Count} maintenance window(s)")]
    private static partial void LogAdvanced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance scheduling failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
