namespace SorryEdge.Events;

/// <summary>
/// One state change of a site: a destination or the site went down or up, maintenance was
/// switched, a schedule started or ended, a manual failback was resumed, an SMTP mode changed.
/// </summary>
/// <param name="SiteId">The site the change belongs to.</param>
/// <param name="Kind">What changed, e.g. <c>site.down</c>, <c>destination.up</c>, <c>mode</c>, <c>smtp.backend.down</c>.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Cause">Why, in words an operator reads in the audit log.</param>
/// <param name="Actor">Who did it (a token id) for API changes; null for the edge itself.</param>
/// <param name="ClusterId">In cluster mode, the id of the write in the cluster store: the same on every node, recorded once.</param>
internal sealed record EdgeEvent(string SiteId, string Kind, string From, string To, string Cause, string? Actor = null, string? ClusterId = null);
