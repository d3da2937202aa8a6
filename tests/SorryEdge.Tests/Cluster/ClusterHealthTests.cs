using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>Quorum health and the overseer, with a real status site receiving what the cluster publishes.</summary>
[Trait("Category", "RealPeer")]
[Collection(Serial.Name)]
public sealed class ClusterHealthTests
{
    [Fact]
    public async Task BackendUnreachable_FromOneEdge_ThatEdgeTakesOverStatusGreen_FromTwo_RedExactlyOnce()
    {
        await using var status = await StatusSiteProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("quorum");
        await using var cluster = await EdgeCluster.StartAsync(status.EdgeSettings);
        var overseer = cluster.Edges[0];
        await cluster.WaitOverseerAsync("edge1", 0, 1, 2);
        await overseer.PutSiteAsync("q", EdgeTestHost.Site("q.test", backend));
        await Poll.UntilAsync(() => status.ReceivedAsync("q"), r => r.Count == 1, TimeSpan.FromSeconds(15), "the site's creation at the status site");

        // edge1 (127.0.0.2) loses its route to the backend: it answers its own visitors, the others forward.
        backend.Refused[IPAddress.Parse(EdgeCluster.SourceAddress(0))] = true;
        using (var viaEdge1 = cluster.Edges[0].Client("q.test"))
        {
            await Poll.UntilAsync(async () => (await viaEdge1.GetAsync("/")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "edge1 to take over");
        }

        foreach (var i in new[] { 1, 2 })
        {
            using var client = cluster.Edges[i].Client("q.test");
            Assert.Equal(backend.Body, await client.GetStringAsync("/"));
        }

        // The overseer has the vote and still publishes nothing: one of three is not a majority.
        await Poll.UntilAsync(() => EdgeCluster.ClusterAsync(overseer), c => c["downVotes"]?["q"]?.AsArray().Count == 1, TimeSpan.FromSeconds(10), "edge1's vote at the overseer");
        var afterOne = await EdgeCluster.ClusterAsync(overseer);
        Assert.Empty(afterOne["downSites"]!.AsArray());
        Assert.Equal(["operational"], (await status.ReceivedAsync("q")).Select(r => r.Status));

        // edge2 too: two of three — the status site turns red, once.
        backend.Refused[IPAddress.Parse(EdgeCluster.SourceAddress(1))] = true;
        await Poll.UntilAsync(() => status.ReceivedAsync("q"), r => r.Count == 2, TimeSpan.FromSeconds(15), "the outage at the status site");
        using (var viaEdge3 = cluster.Edges[2].Client("q.test"))
        {
            Assert.Equal(backend.Body, await viaEdge3.GetStringAsync("/"));
        }

        // Both routes back: green again, once; the history on every edge agrees.
        backend.Refused.Clear();
        await Poll.UntilAsync(() => status.ReceivedAsync("q"), r => r.Count == 3, TimeSpan.FromSeconds(15), "the recovery at the status site");
        await Poll.UntilAsync(() => EdgeCluster.ClusterAsync(overseer), c => c["downVotes"]?["q"] is null, TimeSpan.FromSeconds(10), "the votes to clear");
        Assert.Equal(["operational", "major_outage", "operational"], (await status.ReceivedAsync("q")).Select(r => r.Status));
        foreach (var edge in cluster.Edges)
        {
            var events = await Poll.UntilAsync(() => edge.EventsAsync("q"), e => e.Count(x => (string?)x!["kind"] == "site.up") == 1, TimeSpan.FromSeconds(10), "the cluster's site.up in the history");
            Assert.Single(events, e => (string?)e!["kind"] == "site.down");
        }
    }

    [Fact]
    public async Task Overseer_FirstLiveInPriority_FailsOverAndReturnsAfterWindow_StatusSiteGetsEachTransitionOnce()
    {
        await using var status = await StatusSiteProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("lead");
        await using var cluster = await EdgeCluster.StartAsync(status.EdgeSettings);
        await cluster.WaitOverseerAsync("edge1", 0, 1, 2);
        var expected = new List<string> { "operational" };
        await cluster.Edges[1].PutSiteAsync("lead", EdgeTestHost.Site("lead.test", backend));
        await Switch(2, "maintenance", "under_maintenance");

        // The overseer goes: the next in priority takes over within the lease time plus the window.
        var stopped = Stopwatch.StartNew();
        await cluster.Edges[0].StopAsync();
        await cluster.WaitOverseerAsync("edge2", 1, 2);
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(2 + 1.5 + 3), $"failover took {stopped.Elapsed}");
        await Switch(2, "auto", "operational");

        // It comes back: edge2 keeps leading until edge1 has been alive for the stability window.
        var back = Stopwatch.StartNew();
        await cluster.StartEdgeAsync(0);
        var seenBack = await Poll.UntilAsync(() => EdgeCluster.ClusterAsync(cluster.Edges[1]), c => (bool)c["nodes"]![0]!["alive"]!, TimeSpan.FromSeconds(20), "edge2 to see edge1 alive");
        Assert.Equal("edge2", (string?)seenBack["overseer"]);
        await cluster.WaitOverseerAsync("edge1", 0, 1, 2);
        Assert.True(back.Elapsed >= TimeSpan.FromMilliseconds(1500), $"edge1 led again after {back.Elapsed}, inside the 1.5 s window");
        await Switch(1, "maintenance", "under_maintenance");

        var received = await status.ReceivedAsync("lead");
        Assert.Equal(expected, received.Select(r => r.Status));
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());

        async Task Switch(int edge, string mode, string published)
        {
            using (var response = await cluster.Edges[edge].Admin.PutAsJsonAsync("/api/v1/sites/lead/mode", new { mode }))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            expected.Add(published);
            await Poll.UntilAsync(() => status.ReceivedAsync("lead"), r => r.Count == expected.Count, TimeSpan.FromSeconds(15), $"'{published}' at the status site");
        }
    }

    [Fact]
    public async Task Overseer_Sigkilled_NextTakesOverWithinLeasePlusWindow_TransitionsStillOnce()
    {
        await using var status = await StatusSiteProcess.StartAsync();
        await using var backend = await TestBackend.StartAsync("crash");
        await using var cluster = await EdgeCluster.StartAsync(status.EdgeSettings, edges: 0);
        await using var edge1 = await EdgeProcess.StartAsync(cluster.Settings(0));
        await cluster.StartEdgeAsync(1);
        await cluster.StartEdgeAsync(2);
        await cluster.WaitOverseerAsync("edge1", 1, 2);
        await cluster.Edges[1].PutSiteAsync("crash", EdgeTestHost.Site("crash.test", backend));
        await Poll.UntilAsync(() => status.ReceivedAsync("crash"), r => r.Count == 1, TimeSpan.FromSeconds(15), "the creation at the status site");

        // SIGKILL: the lease is not revoked, it expires (TTL 2 s); the window (1.5 s) bounds the rest.
        var killed = Stopwatch.StartNew();
        await edge1.KillAsync();
        await cluster.WaitOverseerAsync("edge2", 1, 2);
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(2 + 1.5 + 4), $"failover after a crash took {killed.Elapsed}");
        Assert.True(killed.Elapsed > TimeSpan.FromSeconds(1), $"edge2 led {killed.Elapsed} after the crash: sooner than the lease could expire");

        using (var response = await cluster.Edges[2].Admin.PutAsJsonAsync("/api/v1/sites/crash/mode", new { mode = "maintenance" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var received = await Poll.UntilAsync(() => status.ReceivedAsync("crash"), r => r.Count == 2, TimeSpan.FromSeconds(15), "the switch at the status site");
        Assert.Equal(["operational", "under_maintenance"], received.Select(r => r.Status));
    }
}
