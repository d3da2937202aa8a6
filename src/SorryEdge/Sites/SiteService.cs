using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Health;

namespace SorryEdge.Sites;

/// <summary>
/// The write path for sites: store first, then the live catalog, then the event — so what a
/// caller was told was accepted is on disk, in force, and in the audit log.
/// </summary>
public sealed class SiteService(ISiteStore store, SiteCatalog catalog, IEventRecorder events, TimeProvider time) : ISiteLatch
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
        SerializedAsync(() => ChangeCoreAsync(id, change, kind, cause, actor, cancellationToken, from, to), cancellationToken);

    public Task<SiteRecord?> ResumeAsync(string id, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => ResumeCoreAsync(id, actor, cancellationToken), cancellationToken);

    public Task LatchAsync(string siteId, CancellationToken cancellationToken) =>
        SerializedAsync(async () => { await LatchCoreAsync(siteId, cancellationToken); return true; }, cancellationToken);

    public Task ExpireModeAsync(string id, CancellationToken cancellationToken) =>
        SerializedAsync(async () => { await ExpireModeCoreAsync(id, cancellationToken); return true; }, cancellationToken);

    private async Task<SiteWriteResult> PutCoreAsync(Site site, string actor, CancellationToken cancellationToken)
    {
        var before = catalog.Find(site.Id);
        var result = await store.PutAsync(site, cancellationToken);
        if (result.Record is null)
        {
            return result;
        }

        catalog.Apply(result.Record);
        var fromMode = before is null ? "none" : Name(before.Site.Mode);
        await events.RecordAsync(new EdgeEvent(site.Id, result.Outcome == SiteWriteOutcome.Created ? "site.created" : "site.updated",
            fromMode, Name(site.Mode), "configuration written through the admin API", actor), cancellationToken);
        return result;
    }

    private async Task<bool> DeleteCoreAsync(string id, string actor, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, cancellationToken))
        {
            return false;
        }

        catalog.Remove(id);
        await events.RecordAsync(new EdgeEvent(id, "site.deleted", "present", "deleted", "deleted through the admin API", actor), cancellationToken);
        return true;
    }

    /// <summary>Switches a site's mode, optionally until a time when it returns to auto by itself.</summary>
    private async Task<SiteRecord?> SetModeCoreAsync(string id, SiteMode mode, DateTimeOffset? until, string actor, CancellationToken cancellationToken)
    {
        SiteMode before = SiteMode.Auto;
        var record = await store.UpdateAsync(id, r =>
        {
            before = TakeoverDecisionMode(r);
            return r with { Site = r.Site with { Mode = mode, ModeUntil = mode == SiteMode.Auto ? null : until } };
        }, cancellationToken);
        if (record is null)
        {
            return null;
        }

        catalog.Apply(record);
        var cause = until is null ? "switched through the admin API" : $"switched through the admin API until {until:O}";
        await events.RecordAsync(new EdgeEvent(id, "mode", Name(before), Name(mode), cause, actor), cancellationToken);
        return record;
    }

    /// <summary>Applies a change to a stored site (schedules, bypass) and records it.</summary>
    private async Task<SiteRecord?> ChangeCoreAsync(string id, Func<Site, Site> change, string kind, string cause, string actor, CancellationToken cancellationToken, string from = "", string to = "")
    {
        var record = await store.UpdateAsync(id, r => r with { Site = change(r.Site) }, cancellationToken);
        if (record is null)
        {
            return null;
        }

        catalog.Apply(record);
        await events.RecordAsync(new EdgeEvent(id, kind, from, to, cause, actor), cancellationToken);
        return record;
    }

    /// <summary>Ends a manual-failback takeover: traffic returns to the backends if they are healthy.</summary>
    private async Task<SiteRecord?> ResumeCoreAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var wasLatched = false;
        var record = await store.UpdateAsync(id, r =>
        {
            wasLatched = r.Latched;
            return r with { Latched = false };
        }, cancellationToken);
        if (record is null)
        {
            return null;
        }

        catalog.Apply(record);
        await events.RecordAsync(new EdgeEvent(id, "resume", wasLatched ? "latched" : "auto", "auto", "resumed through the admin API", actor), cancellationToken);
        return record;
    }

    private async Task LatchCoreAsync(string siteId, CancellationToken cancellationToken)
    {
        var record = await store.UpdateAsync(siteId, r => r with { Latched = true }, cancellationToken);
        if (record is not null)
        {
            catalog.Apply(record);
            await events.RecordAsync(new EdgeEvent(siteId, "failback.latched", "auto", "latched", "site went down under manual failback; stays on the takeover answer until resumed"), cancellationToken);
        }
    }

    /// <summary>Turns an expired manual mode back into auto in the store (the request path already treats it as auto).</summary>
    private async Task ExpireModeCoreAsync(string id, CancellationToken cancellationToken)
    {
        SiteMode before = SiteMode.Auto;
        var now = time.GetUtcNow();
        var record = await store.UpdateAsync(id, r =>
        {
            before = r.Site.Mode;
            return r.Site.ModeUntil is { } until && until <= now ? r with { Site = r.Site with { Mode = SiteMode.Auto, ModeUntil = null } } : r;
        }, cancellationToken);
        if (record is not null && record.Site.Mode != before)
        {
            catalog.Apply(record);
            await events.RecordAsync(new EdgeEvent(id, "mode", Name(before), "auto", "mode switch reached its end time"), cancellationToken);
        }
    }

    private SiteMode TakeoverDecisionMode(SiteRecord r) =>
        Takeover.TakeoverDecision.EffectiveMode(r.Site.Mode, r.Site.ModeUntil, [], time.GetUtcNow());

    public static string Name(SiteMode mode) => mode.ToString().ToLowerInvariant();
}
