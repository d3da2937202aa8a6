using Etcdserverpb;
using Microsoft.Extensions.Options;
using SorryEdge.Events;
using SorryEdge.Pages;

namespace SorryEdge.Cluster;

/// <summary>
/// Page versions in etcd: the bundle's bytes first (content-addressed chunks, idempotent puts),
/// then one transaction with the version's metadata, the active pointer and the audit record.
/// A node activates a version only after its follower fetched and verified every byte.
/// </summary>
internal sealed class EtcdPageLedger(ClusterWriter writer, IOptions<UploadOptions> uploads) : IPageLedger
{
    private ClusterKeys Keys => writer.Keys;

    public async Task<PageVersion> SaveAsync(string siteId, ValidatedBundle bundle, bool activate, string? tokenId, CancellationToken cancellationToken)
    {
        var blob = BundleBlob.Pack(bundle.Files);
        var blobSha = BundleBlob.Hash(blob);
        var chunks = Math.Max(1, (blob.Length + BundleBlob.ChunkBytes - 1) / BundleBlob.ChunkBytes);
        for (var i = 0; i < chunks; i++)
        {
            var slice = blob.AsMemory(i * BundleBlob.ChunkBytes, Math.Min(BundleBlob.ChunkBytes, blob.Length - (i * BundleBlob.ChunkBytes)));
            await writer.Etcd.PutAsync(new PutRequest { Key = ClusterKeys.Bytes(Keys.Blob(siteId, blobSha, i)), Value = Google.Protobuf.ByteString.CopyFrom(slice.Span) }, cancellationToken);
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var versions = await VersionsAsync(siteId, cancellationToken);
            var version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
            var writeId = writer.NewWriteId();
            var document = new PageDocument(siteId, version, writer.Now, bundle.Files.Count, bundle.Bytes, PageStore.ContentHash(bundle.Files), [.. bundle.Warnings], tokenId, blobSha, chunks);
            var txn = new TxnRequest
            {
                Compare = { ClusterWriter.Unchanged(Keys.Page(siteId, version), 0), ClusterWriter.Exists(Keys.Site(siteId)) },
                Success = { ClusterWriter.Put(Keys.Page(siteId, version), ClusterWriter.Json(document)) },
            };
            if (activate)
            {
                txn.Success.Add(ClusterWriter.Put(Keys.Active(siteId), ClusterKeys.Bytes(version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            txn.Success.Add(await writer.LogAsync(writeId, new EdgeEvent(siteId, EventKinds.PageUploaded, "", $"v{version}", activate ? $"page version {version} uploaded and activated" : $"page version {version} uploaded", tokenId), cancellationToken));
            var response = await writer.Etcd.TxnAsync(txn, cancellationToken);
            if (!response.Succeeded)
            {
                continue;
            }

            await PruneAsync(siteId, cancellationToken);
            await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
            return new PageVersion(version, document.CreatedAt, document.Files, document.Bytes, document.Sha256, bundle.Warnings, activate);
        }

        throw new ClusterConflictException($"Pages of site {siteId} kept changing on other nodes; the upload was not stored. Retry.");
    }

    public async Task<bool> ActivateAsync(string siteId, int? version, CancellationToken cancellationToken)
    {
        var writeId = writer.NewWriteId();
        var txn = new TxnRequest { Success = { ClusterWriter.Put(Keys.Active(siteId), ClusterKeys.Bytes(version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")) } };
        if (version is { } v)
        {
            txn.Compare.Add(ClusterWriter.Exists(Keys.Page(siteId, v)));
        }

        txn.Success.Add(await writer.LogAsync(writeId, new EdgeEvent(siteId, EventKinds.PageActivated, "", version is { } a ? $"v{a}" : "default", version is null ? "default page restored" : $"page version {version} activated"), cancellationToken));
        var response = await writer.Etcd.TxnAsync(txn, cancellationToken);
        if (response.Succeeded)
        {
            await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
        }

        return response.Succeeded;
    }

    public async Task<bool> DeleteAsync(string siteId, int version, CancellationToken cancellationToken)
    {
        var active = await writer.GetAsync(Keys.Active(siteId), cancellationToken);
        if (active?.Value.ToStringUtf8() == version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        var writeId = writer.NewWriteId();
        var response = await writer.Etcd.TxnAsync(new TxnRequest
        {
            Compare = { ClusterWriter.Exists(Keys.Page(siteId, version)), ClusterWriter.Unchanged(Keys.Active(siteId), active?.ModRevision ?? 0) },
            Success =
            {
                ClusterWriter.Delete(Keys.Page(siteId, version)),
                await writer.LogAsync(writeId, new EdgeEvent(siteId, EventKinds.PageDeleted, $"v{version}", "", $"page version {version} deleted"), cancellationToken),
            },
        }, cancellationToken);
        if (response.Succeeded)
        {
            await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
            await CollectBlobsAsync(siteId, cancellationToken);
        }

        return response.Succeeded;
    }

    private async Task<List<PageDocument>> VersionsAsync(string siteId, CancellationToken cancellationToken)
    {
        var prefix = Keys.PagesOf(siteId);
        var response = await writer.Etcd.GetAsync(new RangeRequest { Key = ClusterKeys.Bytes(prefix), RangeEnd = ClusterKeys.RangeEnd(prefix) }, cancellationToken);
        return [.. response.Kvs.Select(kv => ClusterWriter.Read<PageDocument>(kv.Value))];
    }

    /// <summary>Keeps the newest versions (and the active one), as a single node does; their blobs go too.</summary>
    private async Task PruneAsync(string siteId, CancellationToken cancellationToken)
    {
        var active = (await writer.GetAsync(Keys.Active(siteId), cancellationToken))?.Value.ToStringUtf8();
        var versions = await VersionsAsync(siteId, cancellationToken);
        var keep = uploads.Value.KeepVersions;
        var old = versions.Where(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != active)
            .OrderByDescending(v => v.Version).Skip(Math.Max(0, keep - (string.IsNullOrEmpty(active) ? 0 : 1))).ToList();
        if (old.Count == 0)
        {
            return;
        }

        var txn = new TxnRequest();
        foreach (var version in old.Take(100))
        {
            txn.Success.Add(ClusterWriter.Delete(Keys.Page(siteId, version.Version)));
        }

        await writer.Etcd.TxnAsync(txn, cancellationToken);
        await CollectBlobsAsync(siteId, cancellationToken);
    }

    /// <summary>Deletes the site's bundle blobs that no remaining version refers to.</summary>
    private async Task CollectBlobsAsync(string siteId, CancellationToken cancellationToken)
    {
        var used = (await VersionsAsync(siteId, cancellationToken)).Select(v => v.BlobSha).ToHashSet(StringComparer.Ordinal);
        var prefix = Keys.BlobsOf(siteId);
        var blobs = await writer.Etcd.GetAsync(new RangeRequest { Key = ClusterKeys.Bytes(prefix), RangeEnd = ClusterKeys.RangeEnd(prefix), KeysOnly = true }, cancellationToken);
        foreach (var sha in blobs.Kvs.Select(kv => kv.Key.ToStringUtf8()[prefix.Length..].Split('/')[0]).Distinct().Where(sha => !used.Contains(sha)))
        {
            await writer.Etcd.DeleteAsync(new DeleteRangeRequest { Key = ClusterKeys.Bytes(Keys.BlobChunks(siteId, sha)), RangeEnd = ClusterKeys.RangeEnd(Keys.BlobChunks(siteId, sha)) }, cancellationToken);
        }
    }
}
