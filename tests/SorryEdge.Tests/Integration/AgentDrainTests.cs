using System.Net;
using SorryEdge.Tests.Support;
using AgentHost = EdgeAgent.Tests.Support.AgentHost;

namespace SorryEdge.Tests.Integration;

/// <summary>The edge consumes real EdgeAgents' verdicts: red drains a backend before it fails hard.</summary>
[Collection(Serial.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentDrainTests
{
    [Fact]
    public async Task AgentVerdicts_OneRedThenBoth_TrafficMovesWithoutFailureThenSorry()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var agentA = await AgentHost.StartAsync(initialState: 0);
        await using var agentB = await AgentHost.StartAsync(initialState: 0);
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Agents:IntervalMs"] = "200" });
        await edge.PutSiteAsync("pair", EdgeTestHost.Site("pair.test", [a.Url, b.Url], s => s["backends"] = new[]
        {
            new { url = a.Url, weight = 100, agentUrl = new Uri(agentA.BaseAddress, "/health").ToString() },
            new { url = b.Url, weight = 100, agentUrl = new Uri(agentB.BaseAddress, "/health").ToString() },
        }));
        using var client = edge.Client("pair.test");
        await Poll.UntilAsync(async () => (await edge.GetSiteAsync("pair"))["state"]!["destinations"]![0]!["agent"]?["verdict"]?.ToString(),
            v => v == "green", TimeSpan.FromSeconds(15), "the edge to read agent A");

        agentA.SetState(2);
        await agentA.WaitForStatusAsync("red");
        await Poll.UntilAsync(async () => (await edge.GetSiteAsync("pair"))["state"]!["destinations"]![0]!["agent"]?["verdict"]?.ToString(),
            v => v == "red", TimeSpan.FromSeconds(15), "the edge to drain backend A");
        var hitsOnA = a.Hits;
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(b.Body, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(hitsOnA, a.Hits);

        agentB.SetState(2);
        await agentB.WaitForStatusAsync("red");
        var sorry = await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(15), "the sorry page once both hosts are red");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sorry);
        Assert.Contains(await edge.EventsAsync("pair"), e => (string?)e!["kind"] == "site.down");

        agentA.SetState(0);
        await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "traffic back on A");
    }

    [Fact]
    public async Task AgentUnreachable_BackendHealthy_StillServed()
    {
        await using var a = await TestBackend.StartAsync("lonely");
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Agents:IntervalMs"] = "200" });
        await edge.PutSiteAsync("lonely", EdgeTestHost.Site("lonely.test", [a.Url], s => s["backends"] = new[]
        {
            new { url = a.Url, weight = 100, agentUrl = "http://127.0.0.1:1/health" },
        }));
        await Poll.UntilAsync(async () => (await edge.GetSiteAsync("lonely"))["state"]!["destinations"]![0]!["agent"]?["verdict"]?.ToString(),
            v => v == "unknown", TimeSpan.FromSeconds(15), "the edge to try the agent");

        using var response = await edge.Client("lonely.test").GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
