using Etcdserverpb;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Cluster;

/// <summary>
/// Sites in cluster mode: reads come from this node's local copy; every write is one etcd
/// transaction guarded by the site's revision (and its hostnames'), carrying the write's event.
/// A lost race re-runs the change on the newer site, so two nodes switching one site both land
/// in the history; a race that keeps being lost answers 409.
/// </summary>
internal sealed class ClusterSiteStore(ClusterWriter writer, SqliteSiteStore local) : ISiteStore
{
    private const int MaxAttempts = 8;

    private ClusterKeys Keys => writer.Keys;

    public Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken) => local.ListAsync(cancellationToken);

    public Task<SiteRecord?> GetAsync(string id, CancellationToken cancellationToken) => local.GetAsync(id, cancellationToken);

    public async Task<SiteWriteResult> PutAsync(Site site, Func<SiteRecord?, EdgeEvent> describe, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await writer.GetAsync(Keys.Site(site.Id), cancellationToken);
            var before = existing is null ? null : ToRecord(existing);
            var hosts = site.Hostnames.Select(h => h.ToLowerInvariant()).Distinct().ToList();
            var owners = await writer.Etcd.TxnAsync(new TxnRequest { Success = { hosts.Select(h => ClusterWriter.Range(Keys.Host(h))) } }, cancellationToken);
            var txn = new TxnRequest { Compare = { ClusterWriter.Unchanged(Keys.Site(site.Id), existing?.ModRevision ?? 0) } };
            for (var i = 0; i < hosts.Count; i++)
            {
                var owner = owners.Responses[i].ResponseRange.Kvs.FirstOrDefault();
                if (owner is not null && owner.Value.ToStringUtf8() != site.Id)
                {
                    return new SiteWriteResult(SiteWriteOutcome.HostnameTaken, null, hosts[i], owner.Value.ToStringUtf8());
                }

                txn.Compare.Add(ClusterWriter.Unchanged(Keys.Host(hosts[i]), owner?.ModRevision ?? 0));
                if (owner is null)
                {
                    txn.Success.Add(ClusterWriter.Put(Keys.Host(hosts[i]), ClusterKeys.Bytes(site.Id)));
                }
            }

            foreach (var gone in before?.Site.Hostnames.Select(h => h.ToLowerInvariant()).Except(hosts) ?? [])
            {
                txn.Success.Add(ClusterWriter.Delete(Keys.Host(gone)));
            }

            var writeId = writer.NewWriteId();
            var document = new SiteDocument(site, before?.Latched ?? false, writer.Now, writeId);
            txn.Success.Add(ClusterWriter.Put(Keys.Site(site.Id), ClusterWriter.Json(document)));
            txn.Success.Add(await writer.LogAsync(writeId, describe(before), cancellationToken));
            txn.Failure.Add(ClusterWriter.Range(Keys.Site(site.Id)));
            var response = await writer.Etcd.TxnAsync(txn, cancellationToken);
            if (response.Succeeded || IsMine(response, writeId))
            {
                var revision = response.Succeeded ? response.Header.Revision : response.Responses[0].ResponseRange.Kvs[0].ModRevision;
                await writer.WaitAppliedAsync(revision, cancellationToken);
                return new SiteWriteResult(before is null ? SiteWriteOutcome.Created : SiteWriteOutcome.Updated,
                    new SiteRecord(site, document.Latched, revision, document.UpdatedAt));
            }
        }

        throw new ClusterConflictException($"Site {site.Id} kept changing on other nodes; the write was not applied. Read it again and retry.");
    }

    public async Task<bool> DeleteAsync(string id, EdgeEvent change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await writer.GetAsync(Keys.Site(id), cancellationToken);
            if (existing is null)
            {
                return false;
            }

            var record = ToRecord(existing);
            var writeId = writer.NewWriteId();
            var txn = new TxnRequest { Compare = { ClusterWriter.Unchanged(Keys.Site(id), existing.ModRevision) } };
            txn.Success.Add(ClusterWriter.Delete(Keys.Site(id)));
            foreach (var host in record.Site.Hostnames)
            {
                txn.Success.Add(ClusterWriter.Delete(Keys.Host(host)));
            }

            // The site's pages go with it, so a new site under the same id never inherits them.
            txn.Success.Add(ClusterWriter.DeletePrefix(Keys.PagesOf(id)));
            txn.Success.Add(ClusterWriter.Delete(Keys.Active(id)));
            txn.Success.Add(ClusterWriter.DeletePrefix(Keys.BlobsOf(id)));
            txn.Success.Add(await writer.LogAsync(writeId, change, cancellationToken));
            var response = await writer.Etcd.TxnAsync(txn, cancellationToken);
            if (response.Succeeded)
            {
                await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
                return true;
            }
        }

        throw new ClusterConflictException($"Site {id} kept changing on other nodes; it was not deleted. Retry.");
    }

    public async Task<SiteRecord?> UpdateAsync(string id, Func<SiteRecord, SiteRecord> change, Func<SiteRecord, SiteRecord, EdgeEvent?> describe, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await writer.GetAsync(Keys.Site(id), cancellationToken);
            if (existing is null)
            {
                return null;
            }

            var before = ToRecord(existing);
            var changed = change(before);
            if (ReferenceEquals(changed, before))
            {
                return before;
            }

            var writeId = writer.NewWriteId();
            var document = new SiteDocument(changed.Site with { Id = id }, changed.Latched, writer.Now, writeId);
            var txn = new TxnRequest
            {
                Compare = { ClusterWriter.Unchanged(Keys.Site(id), existing.ModRevision) },
                Success = { ClusterWriter.Put(Keys.Site(id), ClusterWriter.Json(document)) },
                Failure = { ClusterWriter.Range(Keys.Site(id)) },
            };
            var after = new SiteRecord(document.Site, document.Latched, 0, document.UpdatedAt);
            if (describe(before, after) is { } happened)
            {
                txn.Success.Add(await writer.LogAsync(writeId, happened, cancellationToken));
            }

            var response = await writer.Etcd.TxnAsync(txn, cancellationToken);
            if (response.Succeeded || IsMine(response, writeId))
            {
                var revision = response.Succeeded ? response.Header.Revision : response.Responses[0].ResponseRange.Kvs[0].ModRevision;
                await writer.WaitAppliedAsync(revision, cancellationToken);
                return after with { Version = revision };
            }
        }

        throw new ClusterConflictException($"Site {id} kept changing on other nodes; the change was not applied. Retry.");
    }

    /// <summary>The compare failed because an earlier attempt of this very write was applied (a retried call).</summary>
    private static bool IsMine(TxnResponse response, string writeId) =>
        !response.Succeeded && response.Responses.Count > 0 && response.Responses[0].ResponseRange?.Kvs.FirstOrDefault() is { } current
        && ClusterWriter.Read<SiteDocument>(current.Value).WriteId == writeId;

    public static SiteRecord ToRecord(Mvccpb.KeyValue kv)
    {
        var document = ClusterWriter.Read<SiteDocument>(kv.Value);
        return new SiteRecord(document.Site, document.Latched, kv.ModRevision, document.UpdatedAt);
    }
}
