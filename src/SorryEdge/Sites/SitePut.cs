namespace SorryEdge.Sites;

/// <summary>A site written whole: as it is now in force, and whether the write created it.</summary>
internal sealed record SitePut(SiteEntry Entry, bool Created);
