using SorryEdge.Sites;

namespace SorryEdge.Sites;

/// <summary>A stored site with the state the edge keeps beside its configuration.</summary>
/// <param name="Site">The configuration as last written.</param>
/// <param name="Latched">Taken over under manual failback, waiting for a resume call.</param>
/// <param name="Version">Increments on every write.</param>
/// <param name="UpdatedAt">When it was last written.</param>
internal sealed record SiteRecord(Site Site, bool Latched, long Version, DateTimeOffset UpdatedAt);
