using StatusSite.Data;

namespace StatusSite.Public;

/// <summary>
/// Holds the rendered public site. Writers call RebuildAsync after each change, so visitors are served
/// from memory and a traffic spike never reaches SQLite.
/// </summary>
internal sealed class PublicSiteCache(SiteDataLoader loader, PublicSiteRenderer renderer)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile PublicSite _current = PublicSite.Empty;

    public PublicSite Current => _current;

    /// <summary>Raised after every rebuild, i.e. after every change: the subscriber dispatcher looks for new notices then.</summary>
    public event Action? Rebuilt;

    public async Task RebuildAsync(CancellationToken ct)
    {
        await _rebuild.WaitAsync(ct);
        try
        {
            var data = await loader.LoadAsync(ct);
            _current = renderer.Render(data);
        }
        finally
        {
            _rebuild.Release();
        }

        Rebuilt?.Invoke();
    }
}
