using SorryEdge.Sites;

namespace SorryEdge.Cluster;

/// <summary>A site as stored in etcd; its version on every node is the key's mod revision.</summary>
internal sealed record SiteDocument(Site Site, bool Latched, DateTimeOffset UpdatedAt, string WriteId);

/// <summary>A customer as stored in etcd.</summary>
internal sealed record CustomerDocument(string Id, string Name, DateTimeOffset CreatedAt, string WriteId);

/// <summary>An API token as stored in etcd: the SHA-256 of the secret, never the secret.</summary>
internal sealed record TokenDocument(string Id, string Hash, string Scope, string? CustomerId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string WriteId);

/// <summary>A sorry-page version: metadata and the hash of its content-addressed bundle.</summary>
internal sealed record PageDocument(string SiteId, int Version, DateTimeOffset CreatedAt, int Files, long Bytes, string Sha256, string[] Warnings, string? TokenId, string BlobSha, int Chunks);

/// <summary>The event of one write, stored in the same transaction as the write.</summary>
internal sealed record LogDocument(string WriteId, DateTimeOffset At, string SiteId, string Kind, string From, string To, string Cause, string? Actor);

/// <summary>A live node's heartbeat.</summary>
internal sealed record NodeDocument(string Node, long AppliedRevision, DateTimeOffset At, DateTimeOffset StartedAt);
