using Microsoft.Extensions.Logging.Abstractions;
using SorryEdge.Data;
using SorryEdge.Proxy;
using SorryEdge.Sites;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Unit;

/// <summary>The catalog's copy-on-write maps and the YARP feed that is told only of cluster changes.</summary>
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
    public async Task ProxyConfig_ModeSwitch_YarpNotTold_BackendChangeAndRemoval_Told()
    {
        var catalog = new SiteCatalog();
        catalog.Apply(Record("a", ["a.example"]));
        using var provider = new SiteProxyConfigProvider(catalog, NullLogger<SiteProxyConfigProvider>.Instance);
        var first = (SiteProxyConfig)provider.GetConfig();
        Assert.Contains(first.Clusters, c => c.ClusterId == "a");

        catalog.Apply(Record("a", ["a.example"], mode: SiteMode.Maintenance));
        Assert.Same(first, provider.GetConfig());

        catalog.Apply(Record("a", ["a.example"], backend: "http://127.0.0.1:10"));
        var second = (SiteProxyConfig)provider.GetConfig();
        Assert.Equal(first.Generation + 1, second.Generation);
        Assert.Equal("http://127.0.0.1:10", Assert.Single(second.Clusters, c => c.ClusterId == "a").Destinations!.Values.Single().Address);
        // YARP is told off the writer's thread.
        await Poll.UntilAsync(() => Task.FromResult(first.ChangeToken.HasChanged), changed => changed, TimeSpan.FromSeconds(10), "YARP told of the backend change");

        catalog.Apply(Record("b", ["b.example"]));
        var third = provider.GetConfig();
        Assert.Same(Assert.Single(second.Clusters, c => c.ClusterId == "a"), Assert.Single(third.Clusters, c => c.ClusterId == "a"));

        catalog.Remove("a");
        Assert.DoesNotContain(provider.GetConfig().Clusters, c => c.ClusterId == "a");
    }

    [Fact]
    public async Task DataPlaneSync_WriterWaitsUntilYarpAppliedItsGeneration()
    {
        var catalog = new SiteCatalog();
        using var provider = new SiteProxyConfigProvider(catalog, NullLogger<SiteProxyConfigProvider>.Instance);
        catalog.Apply(Record("a", ["a.example"]));
        // Before YARP's first load nothing waits: that load takes the latest configuration anyway.
        Assert.True(provider.WhenAppliedAsync(CancellationToken.None).IsCompleted);

        provider.ConfigurationApplied([provider.GetConfig()]);
        catalog.Apply(Record("b", ["b.example"]));
        var waiting = provider.WhenAppliedAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        provider.ConfigurationApplied([provider.GetConfig()]);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // A mode switch publishes nothing, so nothing to wait for.
        catalog.Apply(Record("b", ["b.example"], mode: SiteMode.Maintenance));
        Assert.True(provider.WhenAppliedAsync(CancellationToken.None).IsCompleted);
    }
}
