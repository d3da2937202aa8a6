using Microsoft.Extensions.Primitives;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>The SMTP front's view of the site catalog: the sites with an <c>smtp</c> object, rebuilt per catalog change.</summary>
internal sealed class CatalogSmtpSiteSource(SiteCatalog catalog) : ISmtpSiteSource
{
    private (IReadOnlyDictionary<string, SiteEntry> From, IReadOnlyList<SmtpSite> Sites) _cache = (null!, []);

    public IReadOnlyList<SmtpSite> Sites
    {
        get
        {
            var current = catalog.Sites;
            var cache = _cache;
            if (ReferenceEquals(cache.From, current))
            {
                return cache.Sites;
            }

            var sites = current.Values.Where(e => e.Site.Smtp is not null).Select(e => new SmtpSite(
                e.Id, e.Site.DisplayName, e.Site.Smtp!,
                TimeSpan.FromMilliseconds(e.Site.Health.IntervalMs), TimeSpan.FromMilliseconds(Math.Max(e.Site.Health.TimeoutMs, 1000)),
                e.Site.Health.Rise, e.Site.Health.Fall)).ToList();
            _cache = (current, sites);
            return sites;
        }
    }

    public IChangeToken GetChangeToken() => catalog.GetChangeToken();
}
