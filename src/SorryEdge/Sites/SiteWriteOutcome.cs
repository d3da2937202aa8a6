namespace SorryEdge.Sites;

/// <summary>How a site write ended.</summary>
internal enum SiteWriteOutcome
{
    Created,
    Updated,

    /// <summary>A hostname already belongs to another site; nothing was written.</summary>
    HostnameTaken,
}
