using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Etcdserverpb;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Mvccpb;
using SorryEdge.Configuration;
using SorryEdge.Events;
using SorryEdge.Http;

namespace SorryEdge.Cluster;

/// <summary>
/// What every cluster write shares: write ids, the audit/event record that goes into the same
/// transaction (on a lease that expires after the retention), JSON documents, and waiting until
/// this node's local copy has applied the write so the caller reads it back here.
/// </summary>
internal sealed class ClusterWriter(EtcdGateway etcd, ClusterProgress progress, IOptions<ClusterOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ApplyWait = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private (long Id, DateTimeOffset Until) _retentionLease;

    public ClusterKeys Keys { get; } = new(options.Value.Prefix);

    public EtcdGateway Etcd => etcd;

    public string Node => options.Value.Node!;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Unique and roughly time-ordered; carried inside the written value so a retried write is recognised.</summary>
    public string NewWriteId() =>
        time.GetUtcNow().ToUnixTimeMilliseconds().ToString("D13", CultureInfo.InvariantCulture) + "-" + Node + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static ByteString Json<T>(T document) => ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(document, EdgeJson.Options));

    public static T Read<T>(ByteString value) => JsonSerializer.Deserialize<T>(value.Span, EdgeJson.Options)!;

    public static RequestOp Put(string key, ByteString value, long lease = 0) =>
        new() { RequestPut = new PutRequest { Key = ClusterKeys.Bytes(key), Value = value, Lease = lease } };

    public static RequestOp Delete(string key) => new() { RequestDeleteRange = new DeleteRangeRequest { Key = ClusterKeys.Bytes(key) } };

    public static RequestOp DeletePrefix(string prefix) =>
        new() { RequestDeleteRange = new DeleteRangeRequest { Key = ClusterKeys.Bytes(prefix), RangeEnd = ClusterKeys.RangeEnd(prefix) } };

    public static RequestOp Range(string key) => new() { RequestRange = new RangeRequest { Key = ClusterKeys.Bytes(key) } };

    /// <summary>Holds when the key's last write was at <paramref name="modRevision"/> (0: the key does not exist).</summary>
    public static Compare Unchanged(string key, long modRevision) => new()
    {
        Key = ClusterKeys.Bytes(key),
        Target = Compare.Types.CompareTarget.Mod,
        Result = Compare.Types.CompareResult.Equal,
        ModRevision = modRevision,
    };

    public static Compare Exists(string key) => new()
    {
        Key = ClusterKeys.Bytes(key),
        Target = Compare.Types.CompareTarget.Create,
        Result = Compare.Types.CompareResult.Greater,
        CreateRevision = 0,
    };

    /// <summary>The audit record of a write, to go into the write's own transaction.</summary>
    public async Task<RequestOp> LogAsync(string writeId, EdgeEvent change, CancellationToken cancellationToken) =>
        Put(Keys.Log(writeId), Json(new LogDocument(writeId, time.GetUtcNow(), change.SiteId, change.Kind, change.From, change.To, change.Cause, change.Actor)),
            await RetentionLeaseAsync(cancellationToken));

    public async Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await etcd.GetAsync(new RangeRequest { Key = ClusterKeys.Bytes(key) }, cancellationToken);
        return response.Kvs.Count > 0 ? response.Kvs[0] : null;
    }

    /// <summary>Waits until this node applied the write (bounded: the write is accepted either way).</summary>
    public Task WaitAppliedAsync(long revision, CancellationToken cancellationToken) => progress.WaitAsync(revision, ApplyWait, cancellationToken);

    // One lease per hour of writes: records expire between the retention and an hour after it.
    private async Task<long> RetentionLeaseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_retentionLease.Id != 0 && _retentionLease.Until > time.GetUtcNow())
            {
                return _retentionLease.Id;
            }
        }

        var ttl = TimeSpan.FromHours(options.Value.AuditRetentionHours) + TimeSpan.FromHours(1);
        var lease = await etcd.GrantLeaseAsync((long)ttl.TotalSeconds, cancellationToken);
        lock (_gate)
        {
            _retentionLease = (lease.ID, time.GetUtcNow() + TimeSpan.FromHours(1));
        }

        return lease.ID;
    }
}
