using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>
/// Builds each site's sorry answer when the site or its page changes, so the first visitor of
/// an outage — even one with the data disk frozen — is answered from memory at once. A pass
/// looks at every site and rebuilds only the answers whose inputs changed.
/// </summary>
internal sealed partial class SorryPagePreparer(SiteCatalog catalog, ISorryBundleSource bundles, TakeoverResponder responder, ILogger<SorryPagePreparer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the first pass over thousands of sites must not delay the listeners.
        await Task.Yield();
        using var catalogChanges = ChangeToken.OnChange(catalog.GetChangeToken, Wake);
        bundles.Changed += OnBundleChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                PrepareAll();
                await _wake.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            bundles.Changed -= OnBundleChanged;
        }
    }

    private void OnBundleChanged(string siteId) => Wake();

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already due.
        }
    }

    private void PrepareAll()
    {
        foreach (var entry in catalog.Sites.Values)
        {
            try
            {
                responder.Prepare(entry);
            }
            catch (Exception ex)
            {
                // The request path builds it itself if this failed; the loop goes on.
                LogPrepareFailed(entry.Id, ex);
            }
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
