namespace SorryEdge.Pages;

/// <summary>
/// Where page writes go in cluster mode (etcd: metadata plus content-addressed bytes); each node's
/// follower then stores the files locally and activates a version only once it holds every byte.
/// Absent on a single node, which writes its own files and SQLite directly.
/// </summary>
internal interface IPageLedger
{
    Task<PageVersion> SaveAsync(string siteId, ValidatedBundle bundle, bool activate, string? tokenId, CancellationToken cancellationToken);

    Task<bool> ActivateAsync(string siteId, int? version, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string siteId, int version, CancellationToken cancellationToken);
}
