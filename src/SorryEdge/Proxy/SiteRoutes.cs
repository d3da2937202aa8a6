using System.Runtime.CompilerServices;
using SorryEdge.Sites;

namespace SorryEdge.Proxy;

/// <summary>
/// Each site version's <see cref="SiteRoute"/>, built on first use and dropped with the entry:
/// a site write costs nothing here until that site's next request, whatever the number of sites.
/// </summary>
internal sealed class SiteRoutes(ForwarderClients clients)
{
    private readonly ConditionalWeakTable<SiteEntry, SiteRoute> _routes = [];

    public SiteRoute For(SiteEntry entry) =>
        _routes.TryGetValue(entry, out var route) ? route : _routes.GetValue(entry, e => new SiteRoute(e, clients.For(e.Site.ConnectTimeoutMs)));
}
