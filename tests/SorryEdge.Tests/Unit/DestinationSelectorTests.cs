using SorryEdge.Health;
using SorryEdge.Proxy;
using SorryEdge.Sites;

namespace SorryEdge.Tests.Unit;

/// <summary>The data plane's own choice of backend: weighted, health-aware, no panic mode.</summary>
public sealed class DestinationSelectorTests
{
    private static readonly System.Net.Http.HttpMessageInvoker Client = new(new System.Net.Http.SocketsHttpHandler());

    private static SiteRoute Route(params (string Url, int Weight)[] backends) => new(
        new SiteEntry(new SiteRecord(new Site { Id = "s", Hostnames = ["s.example"], Backends = [.. backends.Select(b => new SiteBackend { Url = b.Url, Weight = b.Weight })] }, false, 1, DateTimeOffset.UnixEpoch)),
        Client);

    private static SiteAvailability View(params (RouteDestination Destination, bool Available, int WeightPercent)[] states) =>
        new(states.Select(s => new SiteAvailability.Destination(s.Destination.Id, s.Available, s.WeightPercent, CancellationToken.None)));

    [Fact]
    public void OneBackend_UsedUntilDownOrTried()
    {
        var route = Route(("http://127.0.0.1:9001", 100));
        var only = route.Destinations[0];
        Assert.Same(only, DestinationSelector.Pick(route, SiteAvailability.Unjudged, null, 0.99));
        Assert.True(DestinationSelector.AnyAvailable(route, SiteAvailability.Unjudged));

        Assert.Null(DestinationSelector.Pick(route, View((only, false, 100)), null, 0));
        Assert.False(DestinationSelector.AnyAvailable(route, View((only, false, 100))));
        Assert.Null(DestinationSelector.Pick(route, SiteAvailability.Unjudged, [only], 0));
    }

    [Fact]
    public void Weights_ShareTheRollByConfiguredWeightTimesAgentPercent()
    {
        var route = Route(("http://127.0.0.1:9001", 300), ("http://127.0.0.1:9002", 100));
        var (a, b) = (route.Destinations[0], route.Destinations[1]);
        // 300 : 100 → a takes rolls below 0.75.
        Assert.Same(a, DestinationSelector.Pick(route, SiteAvailability.Unjudged, null, 0.74));
        Assert.Same(b, DestinationSelector.Pick(route, SiteAvailability.Unjudged, null, 0.76));

        // a's agent says orange at 20 %: 60 : 100 → a takes rolls below 0.375.
        var orange = View((a, true, 20), (b, true, 100));
        Assert.Same(a, DestinationSelector.Pick(route, orange, null, 0.37));
        Assert.Same(b, DestinationSelector.Pick(route, orange, null, 0.38));
        Assert.Same(b, DestinationSelector.Pick(route, orange, null, 0.999999));
    }

    [Fact]
    public void DownDrainedAndTried_NeverPicked_NoneLeftIsNull()
    {
        var route = Route(("http://127.0.0.1:9001", 100), ("http://127.0.0.1:9002", 100), ("http://127.0.0.1:9003", 100));
        var (a, b, c) = (route.Destinations[0], route.Destinations[1], route.Destinations[2]);
        var view = View((a, false, 100), (b, true, 100));
        for (var roll = 0.0; roll < 1; roll += 0.05)
        {
            Assert.NotSame(a, DestinationSelector.Pick(route, view, null, roll));
            Assert.Same(c, DestinationSelector.Pick(route, view, [b], roll));
        }

        Assert.Null(DestinationSelector.Pick(route, view, [b, c], 0.5));
        Assert.False(DestinationSelector.AnyAvailable(route, View((a, false, 100), (b, false, 100), (c, false, 100))));
    }
}
