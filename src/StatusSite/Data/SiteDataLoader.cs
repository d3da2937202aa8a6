using StatusSite.Domain;

namespace StatusSite.Data;

/// <summary>Loads what the public site shows; drafts and hidden components stay out so they can never leak to a visitor.</summary>
internal sealed class SiteDataLoader(StatusDatabase database, ComponentStore components, IncidentStore incidents, TimeProvider time)
{
    public const int HistoryDays = 90;

    public async Task<SiteData> LoadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);
        var list = (await components.ListAsync(connection, null, ct)).Where(c => !c.Hidden).ToList();
        var visible = list.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var all = await incidents.ListAsync(connection, ct);
        var history = (await components.HistorySinceAsync(connection, now.AddDays(-HistoryDays - 1), ct))
            .Where(h => visible.Contains(h.ComponentId)).ToList();
        var published = all.Where(i => !i.Draft).ToList();
        var updated = list.Select(c => c.UpdatedAt).Concat(published.Select(i => i.UpdatedAt))
            .DefaultIfEmpty(now).Max();
        return new SiteData(list, published, history, updated);
    }
}
