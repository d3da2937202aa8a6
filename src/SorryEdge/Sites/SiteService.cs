using SorryEdge.Events;
using SorryEdge.Operations;

namespace SorryEdge.Sites;

/// <summary>
/// The write path for sites: the store makes the change and its event durable together, then
/// the live catalog takes it — which is the data plane: the next request reads the new entry —
/// so what a caller was told was accepted is stored, in force, and in the audit log.
/// </summary>
internal sealed class SiteService(ISiteStore store, SiteCatalog catalog, TimeProvider time) : ISiteLatch
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

    /// <summary>
    /// Writes a site whole. <paramref name="check"/> runs under the write lock, so rules across sites
    /// (an SMTP domain or listener claimed once) hold against writes that ran meanwhile.
    /// </summary>
    public Task<Outcome<SiteWriteResult>> PutAsync(Site site, string actor, CancellationToken cancellationToken, Func<Refusal?>? check = null) =>
        SerializedAsync(async () => check?.Invoke() is { } refused ? (Outcome<SiteWriteResult>)refused : await PutCoreAsync(site, actor, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken) =>
        SerializedAsync(() => DeleteCoreAsync(id, actor, cancellationToken), cancellationToken);

    /// <summary>
    /// Switches a site's mode, optionally until a time when it returns to auto by itself.
    /// <paramref name="check"/> runs on the record being changed, under the write lock: a refusal
    /// there (the site is no longer the caller's, its redirect settings went) changes nothing.
    /// </summary>
    public Task<Outcome<SiteRecord>> SetModeAsync(string id, SiteMode mode, DateTimeOffset? until, string actor, Func<SiteRecord, Refusal?> check, CancellationToken cancellationToken)
    {
        var cause = until is null ? "switched through the admin API" : $"switched through the admin API until {until:O}";
        return GuardedAsync(id, check, r => r with { Site = r.Site with { Mode = mode, ModeUntil = mode == SiteMode.Auto ? null : until } },
            before => new EdgeEvent(id, EventKinds.Mode, Name(TakeoverDecisionMode(before)), Name(mode), cause, actor), cancellationToken);
    }

    /// <summary>Changes part of a site after <paramref name="check"/> passed on the record being changed (under the write lock).</summary>
    /// <param name="from">The event's "from" word, read from the site as it was before the change.</param>
    public Task<Outcome<SiteRecord>> ChangeAsync(string id, Func<SiteRecord, Refusal?> check, Func<Site, Site> change, string kind, string cause, string actor, CancellationToken cancellationToken,
        Func<Site, string>? from = null, string to = "") =>
        GuardedAsync(id, check, r => r with { Site = change(r.Site) }, before => new EdgeEvent(id, kind, from?.Invoke(before.Site) ?? "", to, cause, actor), cancellationToken);

    /// <summary>Ends a manual-failback takeover: traffic returns to the backends if they are healthy.</summary>
    public Task<Outcome<SiteRecord>> ResumeAsync(string id, string actor, Func<SiteRecord, Refusal?> check, CancellationToken cancellationToken) =>
        GuardedAsync(id, check, r => r with { Latched = false },
            before => new EdgeEvent(id, EventKinds.Resume, before.Latched ? "latched" : "auto", "auto", "resumed through the admin API", actor), cancellationToken);

    public Task LatchAsync(string siteId, CancellationToken cancellationToken) =>
        SerializedAsync(() => ApplyAsync(siteId, r => r.Latched ? r : r with { Latched = true },
            (_, _) => new EdgeEvent(siteId, EventKinds.FailbackLatched, "auto", "latched", "site went down under manual failback; stays on the takeover answer until resumed"), cancellationToken), cancellationToken);

    /// <summary>Turns an expired manual mode back into auto in the store (the request path already treats it as auto).</summary>
    public Task ExpireModeAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return SerializedAsync(() => ApplyAsync(id,
            r => r.Site.Mode != SiteMode.Auto && r.Site.ModeUntil is { } until && until <= now ? r with { Site = r.Site with { Mode = SiteMode.Auto, ModeUntil = null } } : r,
            (before, _) => new EdgeEvent(id, EventKinds.Mode, Name(before.Site.Mode), "auto", "mode switch reached its end time"), cancellationToken), cancellationToken);
    }

    private async Task<SiteWriteResult> PutCoreAsync(Site site, string actor, CancellationToken cancellationToken)
    {
        var result = await store.PutAsync(site, before => new EdgeEvent(site.Id, before is null ? EventKinds.SiteCreated : EventKinds.SiteUpdated,
            before is null ? "none" : Name(before.Site.Mode), Name(site.Mode), "configuration written through the admin API", actor), cancellationToken);
        if (result.Record is not null)
        {
            catalog.Apply(result.Record);
        }

        return result;
    }

    private async Task<bool> DeleteCoreAsync(string id, string actor, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, new EdgeEvent(id, EventKinds.SiteDeleted, "present", "deleted", "deleted through the admin API", actor), cancellationToken))
        {
            return false;
        }

        catalog.Remove(id);
        return true;
    }

    private Task<Outcome<SiteRecord>> GuardedAsync(string id, Func<SiteRecord, Refusal?> check, Func<SiteRecord, SiteRecord> change, Func<SiteRecord, EdgeEvent> describe, CancellationToken cancellationToken) =>
        SerializedAsync(async () =>
        {
            Refusal? refused = null;
            var record = await store.UpdateAsync(id, r => (refused = check(r)) is null ? change(r) : r, (before, _) => refused is null ? describe(before) : null, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (record is null)
            {
                return (Outcome<SiteRecord>)Refusal.NotFound($"Site '{id}'");
            }

            catalog.Apply(record);
            return record;
        }, cancellationToken);

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
