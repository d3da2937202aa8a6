using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class LiveConfigTests
{
    [Fact]
    public async Task ChangeSite_RequestsInFlight_CompleteAndNewConfigApplies()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("live", EdgeTestHost.Site("live.test", a));
        using var client = edge.Client("live.test");

        var slow = Enumerable.Range(0, 8).Select(_ => client.GetAsync("/slow?ms=1500")).ToArray();
        await Poll.UntilAsync(() => a.Hits >= slow.Length, TimeSpan.FromSeconds(5), "requests in flight at the backend");
        Assert.All(slow, t => Assert.False(t.IsCompleted));
        await edge.PutSiteAsync("live", EdgeTestHost.Site("live.test", [b.Url], s => s["message"] = "second generation"));

        foreach (var response in await Task.WhenAll(slow))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(a.Body, await response.Content.ReadAsStringAsync());
        }

        using var after = await client.GetAsync("/");
        Assert.Equal(b.Body, await after.Content.ReadAsStringAsync());
        await edge.SetModeAsync("live", "maintenance");
        Assert.Contains("second generation", await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MaintenanceOn_NextRequest_SorryImmediately()
    {
        await using var backend = await TestBackend.StartAsync("switch");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("switch", EdgeTestHost.Site("switch.test", backend));
        using var client = edge.Client("switch.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await edge.SetModeAsync("switch", "maintenance");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await edge.SetModeAsync("switch", "auto");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Restart_SitesAndModes_Survive()
    {
        await using var backend = await TestBackend.StartAsync("persist");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("kept", EdgeTestHost.Site("kept.test", backend));
        await edge.PutSiteAsync("paused", EdgeTestHost.Site("paused.test", backend));
        await edge.SetModeAsync("paused", "maintenance");

        await edge.RestartAsync();

        Assert.Equal("maintenance", (string?)(await edge.GetSiteAsync("paused"))["mode"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await edge.Client("paused.test").GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client("kept.test").GetAsync("/")).StatusCode);
        Assert.True((await edge.EventsAsync("paused")).Count >= 2);
    }
}
