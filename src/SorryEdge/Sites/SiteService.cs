using SorryEdge.Events;

namespace SorryEdge.Sites;

/// <summary>
/// The write path for sites: the store makes the change and its event durable together, then
/// the live catalog takes it — which is the data plane: the next request reads the new entry —
/// so what a caller was told was accepted is stored, in force, and in the audit log.
/// </summary>
public sealed class SiteService(ISiteStore store, SiteCatalog catalog, TimeProvider time) : ISiteLatch
{
    // One writer at a time from the store write to the catalog update, so a late catalog
    // update can never resurrect a deleted site or overwrite a newer one.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private async Task<T> SerializedAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<SiteWriteResult> PutAsync(Site site, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => PutCoreAsync(site, actor, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => DeleteCoreAsync(id, actor, cancellationToken), cancellationToken);

    public Task<SiteRecord?> SetModeAsync(string id, SiteMode mode, DateTimeOffset? until, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => SetModeCoreAsync(id, mode, until, actor, cancellationToken), cancellationToken);

    public Task<SiteRecord?> ChangeAsync(string id, Func<Site, Site> change, string kind, string cause, string actor, CancellationToken cancellationToken, string from = "", string to = "") =>
        SerializedAsync(() => ApplyAsync(id, r => r with { Site = change(r.Site) }, (_, _) => new EdgeEvent(id, kind, from, to, cause, actor), cancellationToken), cancellationToken);

    /// <summary>Ends a manual-failback takeover: traffic returns to the backends if they are healthy.</summary>
    public Task<SiteRecord?> ResumeAsync(string id, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => ApplyAsync(id, r => r with { Latched = false },
            (before, _) => new EdgeEvent(id, "resume", before.Latched ? "latched" : "auto", "auto", "resumed through the admin API", actor), cancellationToken), cancellationToken);

    public Task LatchAsync(string siteId, CancellationToken cancellationToken) =>
        SerializedAsync(() => ApplyAsync(siteId, r => r.Latched ? r : r with { Latched = true },
            (_, _) => new EdgeEvent(siteId, "failback.latched", "auto", "latched", "site went down under manual failback; stays on the takeover answer until resumed"), cancellationToken), cancellationToken);

    /// <summary>Turns an expired manual mode back into auto in the store (the request path already treats it as auto).</summary>
    public Task ExpireModeAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return SerializedAsync(() => ApplyAsync(id,
            r => r.Site.Mode != SiteMode.Auto && r.Site.ModeUntil is { } until && until <= now ? r with { Site = r.Site with { Mode = SiteMode.Auto, ModeUntil = null } } : r,
            (before, _) => new EdgeEvent(id, "mode", Name(before.Site.Mode), "auto", "mode switch reached its end time"), cancellationToken), cancellationToken);
    }

    private async Task<SiteWriteResult> PutCoreAsync(Site site, string actor, CancellationToken cancellationToken)
    {
        var result = await store.PutAsync(site, before => new EdgeEvent(site.Id, before is null ? "site.created" : "site.updated",
            before is null ? "none" : Name(before.Site.Mode), Name(site.Mode), "configuration written through the admin API", actor), cancellationToken);
        if (result.Record is not null)
        {
            catalog.Apply(result.Record);
        }

        return result;
    }

    private async Task<bool> DeleteCoreAsync(string id, string actor, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, new EdgeEvent(id, "site.deleted", "present", "deleted", "deleted through the admin API", actor), cancellationToken))
        {
            return false;
        }

        catalog.Remove(id);
        return true;
    }

    /// <summary>Switches a site's mode, optionally until a time when it returns to auto by itself.</summary>
    private Task<SiteRecord?> SetModeCoreAsync(string id, SiteMode mode, DateTimeOffset? until, string actor, CancellationToken cancellationToken)
    {
        var cause = until is null ? "switched through the admin API" : $"switched through the admin API until {until:O}";
        return ApplyAsync(id,
            r => r with { Site = r.Site with { Mode = mode, ModeUntil = mode == SiteMode.Auto ? null : until } },
            (before, _) => new EdgeEvent(id, "mode", Name(TakeoverDecisionMode(before)), Name(mode), cause, actor), cancellationToken);
    }

    private async Task<SiteRecord?> ApplyAsync(string id, Func<SiteRecord, SiteRecord> change, Func<SiteRecord, SiteRecord, EdgeEvent?> describe, CancellationToken cancellationToken)
    {
        var record = await store.UpdateAsync(id, change, describe, cancellationToken);
        if (record is not null)
        {
            catalog.Apply(record);
        }

        return record;
    }

    private SiteMode TakeoverDecisionMode(SiteRecord r) =>
        EffectiveMode.At(r.Site.Mode, r.Site.ModeUntil, [], time.GetUtcNow());

    public static string Name(SiteMode mode) => mode.ToString().ToLowerInvariant();
}
