using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Schedules;

/// <summary>
/// Wakes at every schedule boundary and mode end time: records the window's start and end as
/// events and turns an expired mode switch back to auto in the store. Requests do not wait for
/// it — the decision already compares against the clock — so a late wake-up never delays a window.
/// </summary>
internal sealed partial class ScheduleWatcher(SiteCatalog catalog, SiteService sites, IPublishedEventSink events, TimeProvider time, ILogger<ScheduleWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = catalog.GetChangeToken();
            var now = time.GetUtcNow();
            try
            {
                await FireAsync(last, now, stoppingToken);
                last = now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // 'last' stays, so the boundaries of this pass are fired by the next one.
                LogPassFailed(ex);
            }
            var next = NextBoundary(now);
            var delay = next is { } at ? at - now : MaxSleep;
            if (delay > MaxSleep)
            {
                delay = MaxSleep;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            using var registration = changed.RegisterChangeCallback(static s => ((CancellationTokenSource)s!).Cancel(), wake);
            try
            {
                await Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, time, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The catalog changed: look again at once.
            }
        }
    }

    /// <summary>Records every boundary in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public async Task FireAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        foreach (var entry in catalog.Sites.Values)
        {
            var site = entry.Site;
            foreach (var window in site.Schedules)
            {
                if (from < window.Start && window.Start <= to)
                {
                    await events.PublishAsync(new EdgeEvent(site.Id, EventKinds.ScheduleStart, "auto", SiteService.Name(window.Mode), $"maintenance window {window.Id} opened ({window.Start:O} – {window.End:O})"), cancellationToken);
                }

                if (from < window.End && window.End <= to)
                {
                    await events.PublishAsync(new EdgeEvent(site.Id, EventKinds.ScheduleEnd, SiteService.Name(window.Mode), "auto", $"maintenance window {window.Id} closed"), cancellationToken);
                }
            }

            if (site.Mode != SiteMode.Auto && site.ModeUntil is { } until && until <= to)
            {
                await sites.ExpireModeAsync(site.Id, cancellationToken);
            }
        }
    }

    private DateTimeOffset? NextBoundary(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var entry in catalog.Sites.Values)
        {
            var site = entry.Site;
            foreach (var window in site.Schedules)
            {
                Consider(window.Start);
                Consider(window.End);
            }

            if (site.Mode != SiteMode.Auto && site.ModeUntil is { } until)
            {
                Consider(until);
            }
        }

        return next;

        void Consider(DateTimeOffset at)
        {
            if (at > now && (next is null || at < next))
            {
                next = at;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A schedule pass failed; it is tried again at the next boundary")]
    private partial void LogPassFailed(Exception ex);
}
