using Microsoft.Extensions.Primitives;

namespace SorryEdge.Sites;

/// <summary>
/// The live, immutable snapshot of every site that the request path reads without locks.
/// Writers replace the snapshot and signal a change token, which is how the SMTP listeners and
/// the schedule watcher learn of a change without a restart; the probes and the health state
/// follow <see cref="SitesChanged"/>, which names the sites a write touched, so their work per
/// write is the sites it changed, not all of them.
/// </summary>
internal sealed class SiteCatalog
{
    private readonly Lock _gate = new();
    private volatile Dictionary<string, SiteEntry> _sites = new(StringComparer.Ordinal);
    private volatile Dictionary<string, SiteEntry> _byHost = new(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>
    /// Raised after each write, outside the catalog's lock, with the ids of the sites it added,
    /// changed or removed. Writes can overlap, so a handler reads each site's current entry
    /// (<see cref="Find"/>) rather than assume an order; handlers must not throw.
    /// </summary>
    public event Action<IReadOnlyCollection<string>>? SitesChanged;

    public async Task LoadAsync(ISiteStore store, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(cancellationToken);
        ApplyMany(records);
    }

    public void Apply(SiteRecord record)
    {
        // The common no-op (the cluster follower applying what this node wrote itself) copies nothing.
        if (_sites.TryGetValue(record.Site.Id, out var current) && current.Record.Version >= record.Version)
        {
            return;
        }

        Replace((sites, hosts, orphans, changed) => ApplyOne(sites, hosts, orphans, changed, record));
    }

    private static bool ApplyOne(Dictionary<string, SiteEntry> sites, Dictionary<string, SiteEntry> hosts, HashSet<string> orphans, List<string> changed, SiteRecord record)
    {
        // Older versions can arrive late from concurrent writers (or the cluster follower applies what this
        // node wrote itself): never go back, and keep the entry (and what features keep for it) for the same one.
        if (sites.TryGetValue(record.Site.Id, out var existing) && existing.Record.Version >= record.Version)
        {
            return false;
        }

        var entry = new SiteEntry(record);
        sites[record.Site.Id] = entry;
        Rehost(hosts, orphans, existing, entry);
        changed.Add(record.Site.Id);
        return true;
    }

    /// <summary>Applies many records in one swap (a cluster resync): one copy, not one per site.</summary>
    public void ApplyMany(IReadOnlyCollection<SiteRecord> records) => Replace((sites, hosts, orphans, changed) =>
    {
        foreach (var record in records)
        {
            sites.TryGetValue(record.Site.Id, out var existing);
            if (existing is null || existing.Record.Version < record.Version)
            {
                var entry = new SiteEntry(record);
                sites[record.Site.Id] = entry;
                Rehost(hosts, orphans, existing, entry);
                changed.Add(record.Site.Id);
            }
        }

        return changed.Count > 0;
    });

    public void Remove(string id) => Replace((sites, hosts, orphans, changed) =>
    {
        if (!sites.Remove(id, out var existing))
        {
            return false;
        }

        Rehost(hosts, orphans, existing, null);
        changed.Add(id);
        return true;
    });

    /// <summary>
    /// Moves a site's hostnames from its old entry to its new one. A hostname another site holds
    /// stays with it; one this site gives up is noted, since another site may claim it too (a
    /// resync can apply the newcomer before the old holder lets go).
    /// </summary>
    private static void Rehost(Dictionary<string, SiteEntry> hosts, HashSet<string> orphans, SiteEntry? before, SiteEntry? after)
    {
        if (before is not null)
        {
            foreach (var host in before.Site.Hostnames)
            {
                if (hosts.TryGetValue(host, out var holder) && holder.Id == before.Id)
                {
                    hosts.Remove(host);
                    orphans.Add(host);
                }
            }
        }

        if (after is not null)
        {
            foreach (var host in after.Site.Hostnames)
            {
                hosts.TryAdd(host, after);
            }
        }
    }

    /// <summary>
    /// Copy on write: a change copies the two maps (a plain copy, a millisecond at ten thousand
    /// sites, where re-freezing them cost tens), edits the copies and publishes them; readers keep
    /// the maps they already hold, which are never written again.
    /// </summary>
    private void Replace(Func<Dictionary<string, SiteEntry>, Dictionary<string, SiteEntry>, HashSet<string>, List<string>, bool> edit)
    {
        CancellationTokenSource previous;
        var changed = new List<string>(1);
        lock (_gate)
        {
            var sites = new Dictionary<string, SiteEntry>(_sites, StringComparer.Ordinal);
            var hosts = new Dictionary<string, SiteEntry>(_byHost, StringComparer.OrdinalIgnoreCase);
            var orphans = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!edit(sites, hosts, orphans, changed))
            {
                return;
            }

            // A hostname given up goes to any other site that claims it (one pass, only when one was given up).
            orphans.RemoveWhere(hosts.ContainsKey);
            if (orphans.Count > 0)
            {
                foreach (var entry in sites.Values)
                {
                    foreach (var host in entry.Site.Hostnames)
                    {
                        if (orphans.Contains(host))
                        {
                            hosts.TryAdd(host, entry);
                        }
                    }
                }
            }

            _sites = sites;
            _byHost = hosts;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        SitesChanged?.Invoke(changed);
        previous.Cancel();
    }
}
