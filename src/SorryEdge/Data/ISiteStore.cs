using SorryEdge.Sites;

namespace SorryEdge.Data;

/// <summary>
/// Every change to site state goes through this interface: SQLite on a single node, and the
/// place a cluster store (etcd) plugs in for several edge nodes.
/// </summary>
public interface ISiteStore
{
    Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken);

    Task<SiteRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a site; refuses hostnames that belong to another site.</summary>
    Task<SiteWriteResult> PutAsync(Site site, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Atomically changes one stored site; answers null when it does not exist.</summary>
    Task<SiteRecord?> UpdateAsync(string id, Func<SiteRecord, SiteRecord> change, CancellationToken cancellationToken);
}
