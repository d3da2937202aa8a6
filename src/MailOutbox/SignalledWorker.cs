using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MailOutbox;

/// <summary>
/// The loop every outbox worker runs: a pass, then sleep until the pass says the next work is due (at most 30 s) or
/// the signal wakes it; a failed pass is logged and retried a second later, so the worker never dies.
/// </summary>
public abstract partial class SignalledWorker(OutboxSignal signal, TimeProvider time, ILogger logger) : BackgroundService
{
    protected static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    protected TimeProvider Time { get; } = time;

    /// <summary>False turns the worker off (nothing configured for it).</summary>
    protected virtual bool Enabled => true;

    /// <summary>One pass; answers how long until the next work is due.</summary>
    protected abstract Task<TimeSpan> PassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            LogDisabled(logger, GetType().Name);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.WaitAsync();
            TimeSpan sleep;
            try
            {
                sleep = await PassAsync(stoppingToken);
                sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > MaxSleep ? MaxSleep : sleep;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, GetType().Name, ex);
                sleep = TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.WhenAny(Task.Delay(sleep, Time, stoppingToken), wake);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of {Worker} failed; retrying")]
    private static partial void LogPassFailed(ILogger logger, string worker, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Worker} has nothing configured and does not run")]
    private static partial void LogDisabled(ILogger logger, string worker);
}
