using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

/// <summary>The catalog's copy-on-write maps and the notice that names the sites a write touched.</summary>
public sealed class SiteCatalogTests
{
    private static long _version;

    private static SiteRecord Record(string id, string[] hosts, string backend = "http://127.0.0.1:9", SiteMode mode = SiteMode.Auto) =>
        new(new Site { Id = id, Hostnames = hosts, Backends = [new SiteBackend { Url = backend }], Mode = mode }, false, Interlocked.Increment(ref _version), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Apply_HostsMoveWithTheSite_ExactBeforeWildcard_OlderVersionIgnored()
    {
        var catalog = new SiteCatalog();
        catalog.Apply(Record("a", ["shop.example", "*.example"]));
        catalog.Apply(Record("b", ["api.example"]));
        Assert.Equal("a", catalog.FindByHost("SHOP.example")?.Id);
        Assert.Equal("b", catalog.FindByHost("api.example")?.Id);
        Assert.Equal("a", catalog.FindByHost("x.example")?.Id);

        var stale = Record("a", ["stale.example"]);
        var renamed = Record("a", ["new.example"]);
        catalog.Apply(renamed);
        catalog.Apply(stale);
        Assert.Null(catalog.FindByHost("shop.example"));
        Assert.Null(catalog.FindByHost("x.example"));
        Assert.Null(catalog.FindByHost("stale.example"));
        Assert.Equal("a", catalog.FindByHost("new.example")?.Id);

        var before = catalog.Sites;
        catalog.Remove("b");
        Assert.Null(catalog.FindByHost("api.example"));
        Assert.Null(catalog.Find("b"));
        // A reader keeps the snapshot it took: it is never written again.
        Assert.True(before.ContainsKey("b"));
    }

    [Fact]
    public void ApplyMany_NewcomerBeforeOldHolderLetsGo_HostnameEndsWithTheNewcomer()
    {
        // A resync applies records in key order: site b claims h before a (which held h) gives it up
        // or is removed; h must not end up served by nobody.
        var catalog = new SiteCatalog();
        catalog.Apply(Record("a", ["h.example", "keep.example"]));
        catalog.ApplyMany([Record("b", ["h.example"]), Record("a", ["keep.example"])]);
        Assert.Equal("b", catalog.FindByHost("h.example")?.Id);

        var other = new SiteCatalog();
        other.Apply(Record("a", ["h.example"]));
        other.ApplyMany([Record("b", ["h.example"])]);
        Assert.Equal("a", other.FindByHost("h.example")?.Id);
        other.Remove("a");
        Assert.Equal("b", other.FindByHost("h.example")?.Id);
    }

    [Fact]
    public void SitesChanged_NamesOnlyTheSitesAWriteTouched_NothingForANoOp()
    {
        var catalog = new SiteCatalog();
        var seen = new List<string[]>();
        catalog.SitesChanged += ids => seen.Add([.. ids]);

        catalog.Apply(Record("a", ["a.example"]));
        catalog.Apply(Record("b", ["b.example"]));
        var mode = Record("a", ["a.example"], mode: SiteMode.Maintenance);
        catalog.Apply(mode);
        // The cluster follower applying what this node already has: no write, no notice.
        catalog.Apply(mode);
        catalog.ApplyMany([Record("c", ["c.example"]), Record("b", ["b2.example"])]);
        catalog.Remove("a");
        catalog.Remove("a");

        Assert.Equal(new[] { new[] { "a" }, ["b"], ["a"], ["c", "b"], ["a"] }, seen);
        // Raised after the swap: a handler reads the write's result.
        string? hostAtNotice = null;
        catalog.SitesChanged += ids => hostAtNotice = catalog.Find(ids.Single())?.Site.Hostnames[0];
        catalog.Apply(Record("c", ["c2.example"]));
        Assert.Equal("c2.example", hostAtNotice);
    }
}
