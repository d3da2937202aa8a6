using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using SorryEdge.Data;

namespace SorryEdge.Sites;

/// <summary>
/// The live, immutable snapshot of every site that the request path reads without locks.
/// Writers replace the snapshot and signal a change token, which is how YARP's configuration,
/// the SMTP listeners and the schedule watcher learn of a change without a restart.
/// </summary>
public sealed class SiteCatalog
{
    private readonly Lock _gate = new();
    private volatile FrozenDictionary<string, SiteEntry> _sites = FrozenDictionary<string, SiteEntry>.Empty;
    private CancellationTokenSource _changed = new();

    public IReadOnlyDictionary<string, SiteEntry> Sites => _sites;

    public SiteEntry? Find(string id) => _sites.GetValueOrDefault(id);

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public async Task LoadAsync(ISiteStore store, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        Replace(_ => records.ToDictionary(r => r.Site.Id, r => new SiteEntry(r)));
    }

    public void Apply(SiteRecord record) => Replace(current =>
    {
        // Older versions can arrive late from concurrent writers; never go back.
        if (current.TryGetValue(record.Site.Id, out var existing) && existing.Record.Version > record.Version)
        {
            return null;
        }

        var next = new Dictionary<string, SiteEntry>(current) { [record.Site.Id] = new SiteEntry(record) };
        return next;
    });

    public void Remove(string id) => Replace(current =>
    {
        if (!current.ContainsKey(id))
        {
            return null;
        }

        var next = new Dictionary<string, SiteEntry>(current);
        next.Remove(id);
        return next;
    });

    private void Replace(Func<FrozenDictionary<string, SiteEntry>, Dictionary<string, SiteEntry>?> build)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            var next = build(_sites);
            if (next is null)
            {
                return;
            }

            _sites = next.ToFrozenDictionary(StringComparer.Ordinal);
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
    }
}
