namespace SorryEdge.Sites;

/// <summary>
/// What a site write waits for after it left the catalog: the data plane's own copy (the proxy's
/// configuration) has taken every catalog change made so far. The write itself does not do that
/// work, so writers are not serialised behind it and one reload serves many writes.
/// </summary>
public interface IDataPlaneSync
{
    Task WhenAppliedAsync(CancellationToken cancellationToken);
}
