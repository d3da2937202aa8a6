using Etcdserverpb;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Cluster;

/// <summary>
/// This node's life in the cluster: a lease kept alive (its liveness, its health votes and, when
/// it leads, the overseer key all hang on it), a heartbeat with the revision it has applied, a
/// quorum probe, its votes on which sites it cannot reach, and the overseer election in the
/// configured priority order with a stability window. As overseer it publishes the cluster's
/// health: a site is down only when a majority of the live nodes vote so.
/// </summary>
internal sealed partial class ClusterNode(
    EtcdGateway etcd,
    ClusterWriter writer,
    ClusterProgress progress,
    ClusterView view,
    OverseerState overseer,
    DestinationHealthTracker tracker,
    SiteCatalog catalog,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<ClusterNode> logger) : BackgroundService, IPublishedEventSink
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    private readonly ClusterOptions _options = options.Value;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<string, bool> _votesPublished = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private long _leaseId;
    private long _storeRevision;

    private ClusterKeys Keys => writer.Keys;

    private string Me => _options.Node!;

    /// <summary>True while this node holds the overseer key under its live lease.</summary>
    public bool IsOverseer => overseer.IsOverseer;

    /// <summary>The latest store revision this node has seen answered (for its lag).</summary>
    public long StoreRevision => Interlocked.Read(ref _storeRevision);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        tracker.SiteHealthChanged += (_, _) => Wake();
        view.Changed += Wake;
        await Task.WhenAll(LeaseLoopAsync(stoppingToken), OverseerLoopAsync(stoppingToken));
    }

    /// <summary>Publishes a cluster-wide event (a schedule transition) once: only the overseer writes it, fenced.</summary>
    public async Task PublishAsync(EdgeEvent change, CancellationToken cancellationToken)
    {
        if (!IsOverseer)
        {
            return;
        }

        var writeId = writer.NewWriteId();
        await FencedAsync([await writer.LogAsync(writeId, change, cancellationToken)], cancellationToken);
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    private async Task LeaseLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                var lease = await etcd.GrantLeaseAsync(_options.LeaseTtlSeconds, stoppingToken);
                Interlocked.Exchange(ref _leaseId, lease.ID);
                lock (_votesPublished)
                {
                    _votesPublished.Clear();
                }

                Task? alive = null;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (alive is null || alive.IsCompleted)
                    {
                        // The keep-alive stream ends when its member dies: start it again at once.
                        alive = etcd.Client.LeaseKeepAlive(lease.ID, keepAlive.Token);
                    }

                    await HeartbeatAsync(lease.ID, stoppingToken);
                    await PublishVotesAsync(lease.ID, stoppingToken);
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Lease gone (etcd away longer than its TTL) or the store unreachable: start over.
                if (ex is not RpcException { StatusCode: StatusCode.NotFound })
                {
                    etcd.ReportFailure(ex);
                }

                Interlocked.Exchange(ref _leaseId, 0);
                overseer.Set(0);
                LogLeaseLost(ex.Message);
                await keepAlive.CancelAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
        }

        await RevokeAsync();
    }

    private async Task HeartbeatAsync(long lease, CancellationToken cancellationToken)
    {
        var document = new NodeDocument(Me, progress.Applied, time.GetUtcNow(), _started);
        var response = await etcd.PutAsync(new PutRequest { Key = ClusterKeys.Bytes(Keys.Node(Me)), Value = ClusterWriter.Json(document), Lease = lease }, cancellationToken);
        Interlocked.Exchange(ref _storeRevision, response.Header.Revision);
    }

    /// <summary>Makes the store's votes of this node match what it sees now.</summary>
    private async Task PublishVotesAsync(long lease, CancellationToken cancellationToken)
    {
        var down = tracker.DownSites().Where(s => catalog.Find(s) is not null).ToHashSet(StringComparer.Ordinal);
        List<string> add, remove;
        lock (_votesPublished)
        {
            add = [.. down.Where(s => !_votesPublished.GetValueOrDefault(s))];
            remove = [.. _votesPublished.Where(v => v.Value && !down.Contains(v.Key)).Select(v => v.Key)];
        }

        foreach (var site in add)
        {
            await etcd.PutAsync(new PutRequest { Key = ClusterKeys.Bytes(Keys.Vote(site, Me)), Value = ClusterKeys.Bytes(SiteStateWords.Down), Lease = lease }, cancellationToken);
            lock (_votesPublished)
            {
                _votesPublished[site] = true;
            }
        }

        foreach (var site in remove)
        {
            await etcd.DeleteAsync(new DeleteRangeRequest { Key = ClusterKeys.Bytes(Keys.Vote(site, Me)) }, cancellationToken);
            lock (_votesPublished)
            {
                _votesPublished.Remove(site);
            }
        }
    }

    private async Task OverseerLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProbeAsync(stoppingToken);
                await ElectAsync(stoppingToken);
                if (IsOverseer)
                {
                    await PublishHealthAsync(stoppingToken);
                }
                else
                {
                    // A lease change since the vote loop ran: the votes follow at once, not at the next heartbeat.
                    var lease = Interlocked.Read(ref _leaseId);
                    if (lease != 0)
                    {
                        await PublishVotesAsync(lease, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogOverseerPassFailed(ex.Message);
            }

            await _wake.WaitAsync(Tick, stoppingToken).ConfigureAwait(false);
        }
    }

    private DateTimeOffset _lastProbe;

    /// <summary>A linearizable read once a second: a partitioned member's watch stays silent, this does not.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastProbe < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lastProbe = now;
        try
        {
            await etcd.ProbeAsync(cancellationToken);
        }
        catch (ClusterUnavailableException)
        {
            overseer.Set(0);
        }
    }

    private async Task ElectAsync(CancellationToken cancellationToken)
    {
        var lease = Interlocked.Read(ref _leaseId);
        if (lease == 0 || !etcd.Available)
        {
            return;
        }

        var alive = view.Nodes().ToDictionary(n => n.Doc.Node, n => n.FirstSeen, StringComparer.Ordinal);
        var better = _options.Nodes.TakeWhile(n => n != Me).Where(alive.ContainsKey).ToList();
        var leader = view.Overseer;
        if (leader is null && better.Count == 0)
        {
            var response = await etcd.TxnAsync(new TxnRequest
            {
                Compare = { ClusterWriter.Unchanged(Keys.Overseer, 0) },
                Success = { ClusterWriter.Put(Keys.Overseer, ClusterKeys.Bytes(Me), lease) },
            }, cancellationToken);
            if (response.Succeeded)
            {
                overseer.Set(response.Header.Revision);
                LogBecameOverseer(response.Header.Revision);
            }
        }
        else if (leader == Me && view.OverseerRevision != 0)
        {
            overseer.Set(view.OverseerRevision);
            var window = TimeSpan.FromMilliseconds(_options.OverseerStabilityMs);
            if (better.FirstOrDefault(n => time.GetUtcNow() - alive[n] >= window) is { } successor)
            {
                // A better node has been alive for the whole window: hand over, once.
                var response = await etcd.TxnAsync(new TxnRequest
                {
                    Compare = { new Compare { Key = ClusterKeys.Bytes(Keys.Overseer), Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = overseer.Fence } },
                    Success = { ClusterWriter.Delete(Keys.Overseer) },
                }, cancellationToken);
                overseer.Set(0);
                LogResigned(successor, response.Succeeded);
            }
        }
        else if (leader != Me)
        {
            overseer.Set(0);
        }
    }

    /// <summary>The cluster's view of each site: down when a majority of the live nodes vote down.</summary>
    private async Task PublishHealthAsync(CancellationToken cancellationToken)
    {
        var live = view.Nodes().Select(n => n.Doc.Node).ToHashSet(StringComparer.Ordinal);
        if (live.Count == 0)
        {
            return;
        }

        var votes = view.DownVotes();
        var published = view.Published();
        foreach (var site in catalog.Sites.Keys)
        {
            var against = votes.TryGetValue(site, out var nodes) ? nodes.Where(live.Contains).OrderBy(n => n, StringComparer.Ordinal).ToArray() : [];
            var down = against.Length * 2 > live.Count;
            if (down == published.GetValueOrDefault(site))
            {
                continue;
            }

            var cause = down
                ? $"{against.Length} of {live.Count} edges cannot reach any backend ({string.Join(", ", against)})"
                : $"a majority of the {live.Count} edges reach a backend again" + (against.Length > 0 ? $" (still down from {string.Join(", ", against)})" : "");
            var writeId = writer.NewWriteId();
            if (await FencedAsync(
                [ClusterWriter.Put(Keys.Health(site), ClusterKeys.Bytes(SiteStateWords.Site(down))),
                 await writer.LogAsync(writeId, new EdgeEvent(site, down ? EventKinds.SiteDown : EventKinds.SiteUp, SiteStateWords.Site(!down), SiteStateWords.Site(down), cause), cancellationToken)],
                cancellationToken))
            {
                view.SetPublished(site, down);
                LogPublished(site, SiteStateWords.Site(down), cause);
            }
        }
    }

    /// <summary>Runs writes only while this node still holds the overseer key it won (fencing).</summary>
    private async Task<bool> FencedAsync(RequestOp[] operations, CancellationToken cancellationToken)
    {
        var fence = overseer.Fence;
        if (fence == 0)
        {
            return false;
        }

        var txn = new TxnRequest
        {
            Compare =
            {
                new Compare { Key = ClusterKeys.Bytes(Keys.Overseer), Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = fence },
                new Compare { Key = ClusterKeys.Bytes(Keys.Overseer), Target = Compare.Types.CompareTarget.Value, Result = Compare.Types.CompareResult.Equal, Value = ClusterKeys.Bytes(Me) },
            },
        };
        txn.Success.AddRange(operations);
        var response = await etcd.TxnAsync(txn, cancellationToken);
        if (!response.Succeeded)
        {
            overseer.Set(0);
        }

        return response.Succeeded;
    }

    /// <summary>On shutdown: give up the lease, so votes and the overseer role go at once, not after the TTL.</summary>
    private async Task RevokeAsync()
    {
        var lease = Interlocked.Exchange(ref _leaseId, 0);
        overseer.Set(0);
        if (lease == 0 || !etcd.Available)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await etcd.Client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = lease }, null, DateTime.UtcNow.AddSeconds(2), timeout.Token);
        }
        catch (Exception ex)
        {
            LogLeaseLost(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node's lease was lost ({Error}); registering again")]
    private partial void LogLeaseLost(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "This node is the overseer (fence revision {Revision})")]
    private partial void LogBecameOverseer(long revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed the overseer role over: {Successor} has been alive for the stability window (done: {Done})")]
    private partial void LogResigned(string successor, bool done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An overseer pass failed ({Error}); tried again")]
    private partial void LogOverseerPassFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster state of site {Site} is {State}: {Cause}")]
    private partial void LogPublished(string site, string state, string cause);
}
