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
    private volatile FrozenDictionary<string, SiteEntry> _byHost = FrozenDictionary<string, SiteEntry>.Empty;
    private CancellationTokenSource _changed = new();

    public IReadOnlyDictionary<string, SiteEntry> Sites => _sites;

    public SiteEntry? Find(string id) => _sites.GetValueOrDefault(id);

    /// <summary>
    /// The site serving a Host (port ignored, case-insensitive): an exact name first, then the
    /// nearest wildcard (<c>*.example.com</c>). Null for a host no site serves.
    /// </summary>
    public SiteEntry? FindByHost(string host) => FindByName(_byHost, host);

    /// <summary>
    /// The value for a DNS name in a map of exact names and <c>*.</c> wildcards: the exact name
    /// first, then the nearest wildcard. Hostnames here, SMTP recipient domains in the SMTP front.
    /// </summary>
    public static T? FindByName<T>(IReadOnlyDictionary<string, T> map, string name)
        where T : class
    {
        if (map.TryGetValue(name, out var exact))
        {
            return exact;
        }

        for (var dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (map.TryGetValue(string.Concat("*", name.AsSpan(dot)), out var wildcard))
            {
                return wildcard;
            }
        }

        return null;
    }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public async Task LoadAsync(ISiteStore store, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        Replace(_ => records.ToDictionary(r => r.Site.Id, r => new SiteEntry(r)));
    }

    public void Apply(SiteRecord record) => Replace(current =>
    {
        // Older versions can arrive late from concurrent writers (or the cluster follower applies what this
        // node wrote itself): never go back, and keep the entry (and its prepared answers) for the same one.
        if (current.TryGetValue(record.Site.Id, out var existing) && existing.Record.Version >= record.Version)
        {
            return null;
        }

        // The prepared sorry answer is carried over; it is rebuilt only if its inputs changed.
        var next = new Dictionary<string, SiteEntry>(current) { [record.Site.Id] = new SiteEntry(record, existing) };
        return next;
    });

    /// <summary>Applies many records in one swap (a cluster resync): one rebuild, not one per site.</summary>
    public void ApplyMany(IReadOnlyCollection<SiteRecord> records) => Replace(current =>
    {
        var next = new Dictionary<string, SiteEntry>(current);
        var changed = false;
        foreach (var record in records)
        {
            if (!current.TryGetValue(record.Site.Id, out var existing) || existing.Record.Version < record.Version)
            {
                next[record.Site.Id] = new SiteEntry(record);
                changed = true;
            }
        }

        return changed ? next : null;
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
            _byHost = next.Values.SelectMany(e => e.Site.Hostnames.Select(h => (Host: h, Entry: e)))
                .DistinctBy(x => x.Host, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(x => x.Host, x => x.Entry, StringComparer.OrdinalIgnoreCase);
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
    }
}
