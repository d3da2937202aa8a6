using System.Globalization;
using System.Threading.Channels;
using Etcdserverpb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mvccpb;
using SorryEdge.Customers;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Pages;
using SorryEdge.Sites;

namespace SorryEdge.Cluster;

/// <summary>
/// Makes this node follow the cluster store: loads everything at one revision (paged), then
/// watches from the next and applies each change, in order, to the local SQLite copy, the live
/// catalog, the pages on disk, the token tables and the event history — as a single node does
/// for its own writes. The revision applied is stored with the copy. A compacted revision means a
/// full resync; an unreachable store means the node keeps serving what it has and tries again.
/// </summary>
internal sealed partial class ClusterFollower(
    EtcdGateway etcd,
    ClusterWriter writer,
    ClusterProgress progress,
    ClusterView view,
    SqliteSiteStore sites,
    SiteCatalog catalog,
    CustomerStore customers,
    PageStore pages,
    SqliteEventRecorder events,
    Damping.SitePublisher publisher,
    TimeProvider time,
    ILogger<ClusterFollower> logger) : BackgroundService
{
    private const int PageSize = 500;

    private ClusterKeys Keys => writer.Keys;

    /// <summary>Whether the first full load since start has completed.</summary>
    public bool Synced { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await progress.LoadAsync(stoppingToken);
        var resync = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var channel = Channel.CreateUnbounded<WatchResponse>(new UnboundedChannelOptions { SingleReader = true });
            long watchId = -1;
            try
            {
                if (resync)
                {
                    await ResyncAsync(stoppingToken);
                    resync = false;
                }

                watchId = await etcd.Client.WatchAsync(new WatchRequest
                {
                    CreateRequest = new WatchCreateRequest
                    {
                        Key = ClusterKeys.Bytes(Keys.Prefix),
                        RangeEnd = ClusterKeys.RangeEnd(Keys.Prefix),
                        StartRevision = progress.Applied + 1,
                    },
                }, (WatchResponse r) => channel.Writer.TryWrite(r), null, null, stoppingToken);
                resync = await ApplyWatchAsync(channel.Reader, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                etcd.ReportFailure(ex);
                LogFollowFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
            finally
            {
                if (watchId >= 0)
                {
                    TryCancel(watchId);
                }
            }
        }
    }

    /// <summary>Applies watch responses until the watch ends; answers true when history was compacted (resync).</summary>
    private async Task<bool> ApplyWatchAsync(ChannelReader<WatchResponse> responses, CancellationToken stoppingToken)
    {
        await foreach (var response in responses.ReadAllAsync(stoppingToken))
        {
            if (response.Canceled)
            {
                if (response.CompactRevision > 0)
                {
                    LogCompacted(progress.Applied, response.CompactRevision);
                    return true;
                }

                LogWatchCanceled(response.CancelReason);
                return false;
            }

            if (response.Events.Count == 0)
            {
                continue;
            }

            // A change that cannot be applied yet (a blob not readable) holds the line: order matters more.
            while (true)
            {
                try
                {
                    foreach (var change in response.Events)
                    {
                        await ApplyAsync(change.Kv, change.Type == Event.Types.EventType.Delete, stoppingToken);
                    }

                    await events.FlushAsync(stoppingToken);
                    await progress.AdvanceAsync(response.Events.Max(e => e.Kv.ModRevision), stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogApplyFailed(ex);
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
            }
        }

        return false;
    }

    /// <summary>Loads every key at one revision and makes the local copy equal to it.</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        long revision = 0;
        async Task<List<KeyValue>> LoadAsync(string prefix)
        {
            var list = new List<KeyValue>();
            var from = prefix;
            while (true)
            {
                var page = await etcd.GetAsync(new RangeRequest
                {
                    Key = ClusterKeys.Bytes(from),
                    RangeEnd = ClusterKeys.RangeEnd(prefix),
                    Limit = PageSize,
                    Revision = revision,
                }, cancellationToken);
                if (revision == 0)
                {
                    revision = page.Header.Revision;
                }

                list.AddRange(page.Kvs);
                if (!page.More || page.Kvs.Count == 0)
                {
                    return list;
                }

                from = page.Kvs[^1].Key.ToStringUtf8() + "\0";
            }
        }

        var siteKvs = await LoadAsync(Keys.Sites);
        var customerKvs = await LoadAsync(Keys.Customers);
        var tokenKvs = await LoadAsync(Keys.Tokens);
        var pageKvs = await LoadAsync(Keys.Pages);
        var activeKvs = await LoadAsync(Keys.Actives);
        var logKvs = await LoadAsync(Keys.Logs);
        var nodeKvs = await LoadAsync(Keys.Nodes);
        var voteKvs = await LoadAsync(Keys.Votes);
        var healthKvs = await LoadAsync(Keys.Healths);
        var overseerKvs = await LoadAsync(Keys.Overseer);

        foreach (var kv in customerKvs.Concat(tokenKvs))
        {
            await ApplyAsync(kv, deleted: false, cancellationToken);
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<SiteRecord>();
        foreach (var kv in siteKvs)
        {
            var record = ClusterSiteStore.ToRecord(kv);
            present.Add(record.Site.Id);
            if (catalog.Find(record.Site.Id)?.Record.Version != record.Version)
            {
                changed.Add(record);
            }
        }

        // One transaction and one catalog swap for the lot: following 10,000 sites must not cost 10,000 of each.
        await sites.ApplyReplicasAsync(changed, cancellationToken);
        catalog.ApplyMany(changed);

        foreach (var gone in catalog.Sites.Keys.Where(id => !present.Contains(id)).ToList())
        {
            await RemoveSiteAsync(gone, cancellationToken);
        }

        var versions = pageKvs.Select(kv => ClusterWriter.Read<PageDocument>(kv.Value)).ToList();
        foreach (var kv in pageKvs)
        {
            await ApplyAsync(kv, deleted: false, cancellationToken);
        }

        foreach (var id in present)
        {
            var local = await pages.ListAsync(id, cancellationToken);
            foreach (var extra in local.Where(v => !versions.Any(d => d.SiteId == id && d.Version == v.Version)))
            {
                await pages.DeleteReplicaAsync(id, extra.Version, cancellationToken);
            }

            var active = activeKvs.FirstOrDefault(kv => kv.Key.ToStringUtf8() == Keys.Active(id))?.Value.ToStringUtf8();
            int? wanted = int.TryParse(active, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
            if (local.FirstOrDefault(p => p.Active)?.Version != wanted)
            {
                await pages.ActivateLocalAsync(id, wanted, cancellationToken);
            }
        }

        view.Clear();
        foreach (var kv in logKvs.Concat(nodeKvs).Concat(voteKvs).Concat(healthKvs).Concat(overseerKvs))
        {
            await ApplyAsync(kv, deleted: false, cancellationToken, live: false);
        }

        // History is not replayed through the damping; the cluster's verdict in force is.
        foreach (var (site, down) in view.Published())
        {
            if (down && catalog.Find(site) is { } entry)
            {
                publisher.OnSiteChanged(entry, down: true, "down by majority when this node loaded the cluster state");
            }
        }

        await events.FlushAsync(cancellationToken);
        await progress.SetAsync(revision, cancellationToken);
        Synced = true;
        LogResynced(revision, present.Count, time.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task ApplyAsync(KeyValue kv, bool deleted, CancellationToken cancellationToken, bool live = true)
    {
        var key = kv.Key.ToStringUtf8();
        if (ClusterKeys.After(key, Keys.Sites) is { } siteId)
        {
            if (deleted)
            {
                await RemoveSiteAsync(siteId, cancellationToken);
                return;
            }

            var record = ClusterSiteStore.ToRecord(kv);
            await sites.ApplyReplicaAsync(record, cancellationToken);
            catalog.Apply(record);
        }
        else if (ClusterKeys.After(key, Keys.Customers) is not null && !deleted)
        {
            var customer = ClusterWriter.Read<CustomerDocument>(kv.Value);
            await customers.ApplyCustomerReplicaAsync(customer.Id, customer.Name, customer.CreatedAt, cancellationToken);
        }
        else if (ClusterKeys.After(key, Keys.Tokens) is not null && !deleted)
        {
            var token = ClusterWriter.Read<TokenDocument>(kv.Value);
            await customers.ApplyTokenReplicaAsync(token.Id, token.Hash, token.Scope, token.CustomerId, token.Name, token.CreatedAt, token.RevokedAt, cancellationToken);
        }
        else if (ClusterKeys.After(key, Keys.Pages) is { } pageKey)
        {
            var slash = pageKey.LastIndexOf('/');
            var site = pageKey[..slash];
            var version = int.Parse(pageKey[(slash + 1)..], CultureInfo.InvariantCulture);
            if (deleted)
            {
                await pages.DeleteReplicaAsync(site, version, cancellationToken);
                return;
            }

            var document = ClusterWriter.Read<PageDocument>(kv.Value);
            var files = await FetchBundleAsync(document, cancellationToken);
            await pages.StoreReplicaAsync(site, new PageVersion(version, document.CreatedAt, document.Files, document.Bytes, document.Sha256, document.Warnings, false),
                files, document.TokenId, cancellationToken);
        }
        else if (ClusterKeys.After(key, Keys.Actives) is { } activeSite)
        {
            var text = deleted ? "" : kv.Value.ToStringUtf8();
            await pages.ActivateLocalAsync(activeSite, int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null, cancellationToken);
        }
        else if (ClusterKeys.After(key, Keys.Logs) is not null && !deleted)
        {
            var log = ClusterWriter.Read<LogDocument>(kv.Value);
            events.Record(new EdgeEvent(log.SiteId, log.Kind, log.From, log.To, log.Cause, log.Actor, log.WriteId), log.At);
            if (live && log.Kind is EventKinds.SiteDown or EventKinds.SiteUp && catalog.Find(log.SiteId) is { } entry)
            {
                // The majority's verdict goes through this node's damping (the overseer's publishes it).
                publisher.OnSiteChanged(entry, log.Kind == EventKinds.SiteDown, log.Cause);
            }
        }
        else if (ClusterKeys.After(key, Keys.Nodes) is { } node)
        {
            if (deleted)
            {
                view.RemoveNode(node);
            }
            else
            {
                view.SetNode(ClusterWriter.Read<NodeDocument>(kv.Value));
            }
        }
        else if (ClusterKeys.After(key, Keys.Votes) is { } vote)
        {
            var slash = vote.LastIndexOf('/');
            view.SetVote(vote[..slash], vote[(slash + 1)..], !deleted && kv.Value.ToStringUtf8() == SiteStateWords.Down);
        }
        else if (ClusterKeys.After(key, Keys.Healths) is { } healthSite)
        {
            view.SetPublished(healthSite, deleted ? null : kv.Value.ToStringUtf8() == SiteStateWords.Down);
        }
        else if (key == Keys.Overseer)
        {
            view.SetOverseer(deleted ? null : kv.Value.ToStringUtf8(), deleted ? 0 : kv.CreateRevision);
        }
    }

    private async Task RemoveSiteAsync(string siteId, CancellationToken cancellationToken)
    {
        await sites.RemoveReplicaAsync(siteId, cancellationToken);
        catalog.Remove(siteId);
        await pages.DeleteSiteAsync(siteId, cancellationToken);
    }

    /// <summary>Every byte of a version's bundle, verified by hash; throws (and the change waits) otherwise.</summary>
    private async Task<IReadOnlyDictionary<string, byte[]>> FetchBundleAsync(PageDocument document, CancellationToken cancellationToken)
    {
        var prefix = Keys.BlobChunks(document.SiteId, document.BlobSha);
        var response = await etcd.GetAsync(new RangeRequest { Key = ClusterKeys.Bytes(prefix), RangeEnd = ClusterKeys.RangeEnd(prefix) }, cancellationToken);
        if (response.Kvs.Count != document.Chunks)
        {
            throw new InvalidDataException($"Page {document.SiteId} v{document.Version}: {response.Kvs.Count} of {document.Chunks} chunks in the store.");
        }

        var blob = response.Kvs.OrderBy(kv => kv.Key.ToStringUtf8(), StringComparer.Ordinal).SelectMany(kv => kv.Value.ToByteArray()).ToArray();
        if (BundleBlob.Hash(blob) != document.BlobSha)
        {
            throw new InvalidDataException($"Page {document.SiteId} v{document.Version}: the bundle's bytes do not match its hash.");
        }

        var files = BundleBlob.Unpack(blob);
        if (PageStore.ContentHash(files) != document.Sha256)
        {
            throw new InvalidDataException($"Page {document.SiteId} v{document.Version}: the files do not match the version's hash.");
        }

        return files;
    }

    private void TryCancel(long watchId)
    {
        try
        {
            etcd.Client.CancelWatch(watchId);
        }
        catch (Exception ex)
        {
            LogFollowFailed(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster copy resynced at revision {Revision}: {Sites} sites in {Ms:0} ms")]
    private partial void LogResynced(long revision, int sites, double ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the cluster store failed ({Error}); serving the local copy, trying again")]
    private partial void LogFollowFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster store compacted past revision {Applied} (now {Compacted}); resyncing in full")]
    private partial void LogCompacted(long applied, long compacted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster watch was cancelled ({Reason}); watching again")]
    private partial void LogWatchCanceled(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying a cluster change failed; it is tried again")]
    private partial void LogApplyFailed(Exception ex);
}
