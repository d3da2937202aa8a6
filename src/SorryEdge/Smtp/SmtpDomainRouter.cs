namespace SorryEdge.Smtp;

/// <summary>Routes a recipient domain on the shared listeners from the current sites and their backend verdicts.</summary>
internal sealed class SmtpDomainRouter(ISmtpSiteSource sites, SmtpBackendMonitor monitor)
{
    private volatile SmtpDomainMap _map = new([]);

    public SmtpRoute Route(string domain)
    {
        var current = sites.Sites;
        var map = _map;
        if (!ReferenceEquals(map.Sites, current))
        {
            _map = map = new SmtpDomainMap(current);
        }

        if (map.Find(domain) is not { } site)
        {
            return new SmtpRoute(SmtpRouteKind.Unknown);
        }

        return SmtpForwarding.Backend(site.Settings, monitor.GetVerdict(site.SiteId)) is { } backend
            ? new SmtpRoute(SmtpRouteKind.Relay, site, backend)
            : new SmtpRoute(SmtpRouteKind.Defer, site);
    }
}
