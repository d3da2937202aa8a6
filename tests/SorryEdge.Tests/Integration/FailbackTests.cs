using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

[Collection(Serial.Name)]
public sealed class FailbackTests
{
    [Fact]
    public async Task ManualFailback_BackendReturns_SorryUntilResume()
    {
        await using var backend = await TestBackend.StartAsync("manual");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("manual", EdgeTestHost.Site("manual.test", [backend.Url], s => s["failback"] = "manual"));
        using var client = edge.Client("manual.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await backend.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await Poll.UntilAsync(async () => (bool)(await edge.GetSiteAsync("manual"))["state"]!["latched"]!, l => l, TimeSpan.FromSeconds(10), "the site to latch");

        await backend.StartAsync();
        await Poll.UntilAsync(async () => (string?)(await edge.GetSiteAsync("manual"))["state"]!["destinations"]![0]!["health"], h => h == "healthy",
            TimeSpan.FromSeconds(10), "the backend to be probed healthy again");
        using var stillSorry = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillSorry.StatusCode);
        Assert.Equal("sorry", (string?)(await edge.GetSiteAsync("manual"))["state"]!["action"]);

        using var resume = await edge.Admin.PostAsync("/api/v1/sites/manual/resume", null);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        using var back = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains(await edge.EventsAsync("manual"), e => (string?)e!["kind"] == "resume");
    }

    [Fact]
    public async Task AutoFailback_BackendReturns_TrafficBackWithoutResume()
    {
        await using var backend = await TestBackend.StartAsync("auto");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("auto", EdgeTestHost.Site("auto.test", backend));
        using var client = edge.Client("auto.test");

        await backend.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await backend.StartAsync();
        var status = await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(5), "auto failback");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)(await edge.GetSiteAsync("auto"))["state"]!["latched"]!);
        var kinds = (await edge.EventsAsync("auto")).Select(e => (string?)e!["kind"]).ToList();
        Assert.Contains("site.down", kinds);
        Assert.Contains("site.up", kinds);
    }

    [Fact]
    public async Task TwoBackends_OneDies_GetsServedByTheOtherWithoutSorry()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("pair", EdgeTestHost.Site("pair.test", a, b));
        using var client = edge.Client("pair.test");
        await a.KillAsync();

        for (var i = 0; i < 40; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(b.Body, await response.Content.ReadAsStringAsync());
        }
    }
}
