using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Sites;

/// <summary>
/// Every change to site state goes through this interface, together with the event that
/// describes it: SQLite on a single node, etcd (compare-and-swap, mirrored into SQLite) in
/// cluster mode. A store makes the change and its event durable together.
/// </summary>
internal interface ISiteStore
{
    Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken);

    Task<SiteRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a site; refuses hostnames that belong to another site.</summary>
    /// <param name="describe">The event of the write, given the record before it (null: created).</param>
    Task<SiteWriteResult> PutAsync(Site site, Func<SiteRecord?, EdgeEvent> describe, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, EdgeEvent change, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically changes one stored site; answers null when it does not exist. A change that
    /// returns the record unchanged writes nothing. In cluster mode the change may run again on a
    /// newer record when another node wrote first (compare-and-swap), so it must be a pure function.
    /// </summary>
    /// <param name="describe">The event of the write from (before, after); null records none.</param>
    Task<SiteRecord?> UpdateAsync(string id, Func<SiteRecord, SiteRecord> change, Func<SiteRecord, SiteRecord, EdgeEvent?> describe, CancellationToken cancellationToken);
}
