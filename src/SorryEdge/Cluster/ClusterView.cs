
namespace SorryEdge.Cluster;

/// <summary>
/// What this node knows of the cluster from its watch: the live nodes (with when it first saw
/// each), every node's "down" votes, the published health of each site and the overseer. Read by
/// the overseer, the status feed and the cluster API.
/// </summary>
internal sealed class ClusterView(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (NodeDocument Doc, DateTimeOffset FirstSeen)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _downVotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeDocument> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>Raised after a change of nodes, votes, published health or the overseer.</summary>
    public event Action? Changed;

    public string? Overseer { get; private set; }

    /// <summary>The overseer key's create revision: what fences its writes.</summary>
    public long OverseerRevision { get; private set; }

    public bool IsDown(string siteId)
    {
        lock (_gate)
        {
            return _published.GetValueOrDefault(siteId);
        }
    }

    public IReadOnlyList<(NodeDocument Doc, DateTimeOffset FirstSeen)> Nodes()
    {
        lock (_gate)
        {
            return [.. _nodes.Values];
        }
    }

    public IReadOnlyDictionary<string, bool> Published()
    {
        lock (_gate)
        {
            return new Dictionary<string, bool>(_published, StringComparer.Ordinal);
        }
    }

    /// <summary>Sites with at least one down vote, each with the nodes that cast one.</summary>
    public IReadOnlyDictionary<string, string[]> DownVotes()
    {
        lock (_gate)
        {
            return _downVotes.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>The last heartbeat of every node ever seen, alive or not.</summary>
    public IReadOnlyDictionary<string, NodeDocument> LastSeen()
    {
        lock (_gate)
        {
            return new Dictionary<string, NodeDocument>(_lastSeen, StringComparer.Ordinal);
        }
    }

    public void SetNode(NodeDocument doc) => Update(() =>
    {
        _lastSeen[doc.Node] = doc;
        var firstSeen = _nodes.TryGetValue(doc.Node, out var known) ? known.FirstSeen : time.GetUtcNow();
        _nodes[doc.Node] = (doc, firstSeen);
    });

    public void RemoveNode(string node) => Update(() => _nodes.Remove(node));

    public void SetVote(string site, string node, bool down) => Update(() =>
    {
        if (down)
        {
            if (!_downVotes.TryGetValue(site, out var set))
            {
                _downVotes[site] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(node);
        }
        else if (_downVotes.TryGetValue(site, out var set) && set.Remove(node) && set.Count == 0)
        {
            _downVotes.Remove(site);
        }
    });

    public void SetPublished(string site, bool? down) => Update(() =>
    {
        if (down is { } value)
        {
            _published[site] = value;
        }
        else
        {
            _published.Remove(site);
        }
    });

    public void SetOverseer(string? node, long revision) => Update(() =>
    {
        Overseer = node;
        OverseerRevision = revision;
    });

    /// <summary>Forgets everything (before a full resync).</summary>
    public void Clear() => Update(() =>
    {
        _nodes.Clear();
        _downVotes.Clear();
        _published.Clear();
        Overseer = null;
        OverseerRevision = 0;
    });

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
        }

        Changed?.Invoke();
    }
}
