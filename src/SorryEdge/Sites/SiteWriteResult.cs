namespace SorryEdge.Sites;

/// <summary>The result of a site write: the stored record, or which hostname was taken by whom.</summary>
internal sealed record SiteWriteResult(SiteWriteOutcome Outcome, SiteRecord? Record, string? Hostname = null, string? OtherSiteId = null);
