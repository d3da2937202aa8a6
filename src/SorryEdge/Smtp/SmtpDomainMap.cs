using System.Collections.Frozen;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// Recipient domain → site on the shared listeners: an exact domain first, then the nearest
/// wildcard (<c>*.example.com</c> serves <c>mx.example.com</c> and <c>a.b.example.com</c>, not
/// <c>example.com</c>), the same rule as HTTP hostnames. Immutable; rebuilt per site list.
/// </summary>
internal sealed class SmtpDomainMap
{
    private readonly FrozenDictionary<string, SmtpSite> _byDomain;

    public SmtpDomainMap(IReadOnlyList<SmtpSite> sites)
    {
        Sites = sites;
        _byDomain = sites.SelectMany(s => s.Settings.Domains.Select(d => (Domain: d, Site: s)))
            .DistinctBy(x => x.Domain, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(x => x.Domain, x => x.Site, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The site list this map was built from (to tell when it is stale).</summary>
    public IReadOnlyList<SmtpSite> Sites { get; }

    public SmtpSite? Find(string domain) => SiteCatalog.FindByName(_byDomain, domain.TrimEnd('.'));
}
