using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Proxy;
using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

/// <summary>What forwarding a site needs, built once per version of the site.</summary>
public sealed class SiteRouteTests
{
    private static SiteEntry Entry(long version, int connectTimeoutMs, params string[] backends) =>
        new(new SiteRecord(new Site
        {
            Id = "s",
            Hostnames = ["s.example"],
            Backends = [.. backends.Select((url, i) => new SiteBackend { Url = url, Weight = i == 0 ? 0 : 50 })],
            ConnectTimeoutMs = connectTimeoutMs,
            ResponseTimeoutMs = 7000,
        }, false, version, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Route_CarriesDestinationsTimeoutsAndTheSharedClient_OnePerSiteVersion()
    {
        using var clients = new ForwarderClients(Options.Create(new ClusterOptions()));
        var routes = new SiteRoutes(clients);
        var v1 = Entry(1, 1500, "http://127.0.0.1:9001/base", "http://127.0.0.1:9002");

        var route = routes.For(v1);
        Assert.Equal([DestinationIds.For("http://127.0.0.1:9001/base"), DestinationIds.For("http://127.0.0.1:9002")], route.Destinations.Select(d => d.Id));
        Assert.Equal("http://127.0.0.1:9001/base", route.Destinations[0].Prefix);
        // A zero weight still gets a share (as before: at least 1).
        Assert.Equal([1, 50], route.Destinations.Select(d => d.Weight));
        Assert.Equal(TimeSpan.FromMilliseconds(7000), route.RequestConfig.ActivityTimeout);
        Assert.Equal(new Version(1, 1), route.RequestConfig.Version);

        Assert.Same(route, routes.For(v1));
        var v2 = Entry(2, 1500, "http://127.0.0.1:9003");
        var next = routes.For(v2);
        Assert.NotSame(route, next);
        // Sites with the same connect timeout share one client (one connection pool per backend address).
        Assert.Same(route.Client, next.Client);
        Assert.NotSame(route.Client, routes.For(Entry(3, 900, "http://127.0.0.1:9003")).Client);
    }

    [Fact]
    public void ProbeUri_AppendsThePathToTheBackendsBase()
    {
        Assert.Equal("http://127.0.0.1:9001/health", SiteProbeMonitor.ProbeUri("http://127.0.0.1:9001", "/health").ToString());
        Assert.Equal("http://127.0.0.1:9001/base/health?deep=1", SiteProbeMonitor.ProbeUri("http://127.0.0.1:9001/base/", "/health?deep=1").ToString());
        Assert.Equal("http://127.0.0.1:9001/", SiteProbeMonitor.ProbeUri("http://127.0.0.1:9001", "/").ToString());
    }
}
