namespace SorryEdge.Events;

/// <summary>An event as kept in the audit log.</summary>
internal sealed record StoredEvent(long Id, DateTimeOffset At, string SiteId, string Kind, string From, string To, string Cause, string? Actor, string? ClusterId = null);
