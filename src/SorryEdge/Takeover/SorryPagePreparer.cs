using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>
/// Builds a site's sorry answer off the request path for the sites that answer themselves or may
/// soon: not in <c>auto</c> mode, latched, down, with a maintenance window, or without a backend.
/// A site that goes down is prepared the moment the tracker says so, so the first visitor of an
/// outage — even one with the data disk frozen — is answered from memory (the page store keeps
/// every active bundle in memory; a visitor who comes before the preparer has it built by the
/// responder). Healthy sites hold no prepared page: at ten thousand sites that is most of the
/// edge's memory. It follows changes site by site: a write costs the sites it touched.
/// </summary>
internal sealed partial class SorryPagePreparer(
    SiteCatalog catalog, ISorryBundleSource bundles, TakeoverResponder responder, DestinationHealthTracker tracker, ILogger<SorryPagePreparer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentQueue<string> _due = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the first pass over thousands of sites must not delay the listeners.
        await Task.Yield();
        catalog.SitesChanged += Enqueue;
        bundles.Changed += Enqueue;
        tracker.SiteHealthChanged += OnHealthChanged;
        try
        {
            Enqueue(catalog.Sites.Keys);
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_due.TryDequeue(out var id))
                {
                    Prepare(id);
                }

                await _wake.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            catalog.SitesChanged -= Enqueue;
            bundles.Changed -= Enqueue;
            tracker.SiteHealthChanged -= OnHealthChanged;
        }
    }

    /// <summary>Whether the site answers for itself now or may soon, so its answer is worth keeping ready.</summary>
    public static bool MayAnswer(SiteEntry entry, bool down) =>
        down || entry.Record.Latched || entry.Site.Mode != SiteMode.Auto || entry.Site.Schedules.Count > 0 || entry.Site.Backends.Count == 0;

    private void OnHealthChanged(string siteId, bool down)
    {
        if (down)
        {
            Enqueue(siteId);
        }
    }

    private void Enqueue(string siteId) => Enqueue([siteId]);

    private void Enqueue(IEnumerable<string> siteIds)
    {
        foreach (var id in siteIds)
        {
            _due.Enqueue(id);
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already due.
        }
    }

    private void Prepare(string siteId)
    {
        if (catalog.Find(siteId) is not { } entry || !MayAnswer(entry, tracker.IsDown(siteId)))
        {
            // Built again from memory if it is needed after all.
            responder.Forget(siteId);
            return;
        }

        try
        {
            responder.Prepare(entry);
        }
        catch (Exception ex)
        {
            // The request path builds it itself if this failed.
            LogPrepareFailed(entry.Id, ex);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing the sorry answer of site {Site} failed; it will be built on first use")]
    private partial void LogPrepareFailed(string site, Exception ex);
}
