namespace SorryEdge.Sites;

/// <summary>Holds a site in takeover after it went down under manual failback, until a resume call.</summary>
internal interface ISiteLatch
{
    Task LatchAsync(string siteId, CancellationToken cancellationToken);
}
