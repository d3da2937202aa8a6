namespace SorryEdge.Health;

/// <summary>
/// The health of a site as the world is told it (status site, history): this node's own view on
/// a single node, the majority of the live nodes' views in cluster mode.
/// </summary>
public interface IPublishedSiteHealth
{
    bool IsDown(string siteId);
}
