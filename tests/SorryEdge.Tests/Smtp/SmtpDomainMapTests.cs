using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpDomainMapTests
{
    private static readonly SmtpDomainMap Map = new(
    [
        TestSmtpSiteSource.Site("exact", new SmtpSettings { Domains = ["shop.test", "mx.wild.test"] }),
        TestSmtpSiteSource.Site("wild", new SmtpSettings { Domains = ["*.wild.test"] }),
        TestSmtpSiteSource.Site("deep", new SmtpSettings { Domains = ["*.b.wild.test"] }),
    ]);

    [Theory]
    [InlineData("shop.test", "exact")]
    [InlineData("SHOP.test.", "exact")]
    [InlineData("mx.wild.test", "exact")]
    [InlineData("a.wild.test", "wild")]
    [InlineData("x.a.wild.test", "wild")]
    [InlineData("x.b.wild.test", "deep")]
    [InlineData("wild.test", null)]
    [InlineData("other.test", null)]
    [InlineData("shop.test.evil", null)]
    public void Find_Domain_ExactThenNearestWildcard(string domain, string? site) =>
        Assert.Equal(site, Map.Find(domain)?.SiteId);

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("*.example.com", true)]
    [InlineData("xn--bcher-kva.example", true)]
    [InlineData("localhost", false)]
    [InlineData("*.com.*", false)]
    [InlineData("a..b", false)]
    [InlineData("-a.b", false)]
    [InlineData("a b.c", false)]
    [InlineData("", false)]
    public void IsValidPattern_Domain_AsExpected(string domain, bool valid) =>
        Assert.Equal(valid, SmtpSettingsRules.IsValidDomainPattern(domain));
}
