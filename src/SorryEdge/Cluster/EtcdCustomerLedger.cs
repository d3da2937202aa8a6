using Etcdserverpb;
using SorryEdge.Customers;
using SorryEdge.Events;

namespace SorryEdge.Cluster;

/// <summary>Customers and token hashes in etcd: created once (create-if-absent), revoked by compare-and-swap.</summary>
internal sealed class EtcdCustomerLedger(ClusterWriter writer) : ICustomerLedger
{
    private ClusterKeys Keys => writer.Keys;

    public async Task<bool> CreateCustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        var writeId = writer.NewWriteId();
        var response = await writer.Etcd.TxnAsync(new TxnRequest
        {
            Compare = { ClusterWriter.Unchanged(Keys.Customer(customer.Id), 0) },
            Success =
            {
                ClusterWriter.Put(Keys.Customer(customer.Id), ClusterWriter.Json(new CustomerDocument(customer.Id, customer.Name, customer.CreatedAt, writeId))),
                await writer.LogAsync(writeId, new EdgeEvent("", EventKinds.CustomerCreated, "none", customer.Id, $"customer {customer.Id} ({customer.Name}) created"), cancellationToken),
            },
            Failure = { ClusterWriter.Range(Keys.Customer(customer.Id)) },
        }, cancellationToken);
        var mine = response.Succeeded || ClusterWriter.Read<CustomerDocument>(response.Responses[0].ResponseRange.Kvs[0].Value).WriteId == writeId;
        if (mine)
        {
            await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
        }

        return mine;
    }

    public async Task IssueTokenAsync(IssuedToken token, string hash, CancellationToken cancellationToken)
    {
        var writeId = writer.NewWriteId();
        var document = new TokenDocument(token.Id, hash, token.Scope, token.Customer, token.Name, token.CreatedAt, null, writeId);
        var response = await writer.Etcd.TxnAsync(new TxnRequest
        {
            Compare = { ClusterWriter.Unchanged(Keys.Token(token.Id), 0) },
            Success =
            {
                ClusterWriter.Put(Keys.Token(token.Id), ClusterWriter.Json(document)),
                await writer.LogAsync(writeId, new EdgeEvent("", EventKinds.TokenIssued, "none", token.Id, $"{token.Scope} token {token.Id} issued" + (token.Customer is null ? "" : " for " + token.Customer)), cancellationToken),
            },
        }, cancellationToken);
        if (!response.Succeeded)
        {
            // A random 72-bit id already taken is a retried call of this same write.
            return;
        }

        await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
    }

    public async Task<bool> RevokeTokenAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var existing = await writer.GetAsync(Keys.Token(id), cancellationToken);
            if (existing is null || ClusterWriter.Read<TokenDocument>(existing.Value) is not { RevokedAt: null } token)
            {
                return false;
            }

            var writeId = writer.NewWriteId();
            var response = await writer.Etcd.TxnAsync(new TxnRequest
            {
                Compare = { ClusterWriter.Unchanged(Keys.Token(id), existing.ModRevision) },
                Success =
                {
                    ClusterWriter.Put(Keys.Token(id), ClusterWriter.Json(token with { RevokedAt = at, WriteId = writeId })),
                    await writer.LogAsync(writeId, new EdgeEvent("", EventKinds.TokenRevoked, "active", "revoked", $"token {id} revoked"), cancellationToken),
                },
            }, cancellationToken);
            if (response.Succeeded)
            {
                await writer.WaitAppliedAsync(response.Header.Revision, cancellationToken);
                return true;
            }
        }

        throw new ClusterConflictException($"Token {id} kept changing on other nodes; retry.");
    }
}
