namespace SorryEdge.Admin;

/// <summary>One admin API call as kept in the audit log.</summary>
internal sealed record AuditEntry(long Id, DateTimeOffset At, string? TokenId, string Method, string Path, int Status, string? SiteId);
