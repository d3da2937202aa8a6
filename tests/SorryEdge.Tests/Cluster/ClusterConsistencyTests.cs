using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>Concurrent writers on different edges, and etcd losing members: nothing acknowledged is lost.</summary>
[Trait("Category", "RealPeer")]
[Collection(Serial.Name)]
public sealed class ClusterConsistencyTests
{
    [Fact]
    public async Task ConcurrentSwitches_OnTwoEdges_EveryAcknowledgedWriteInHistoryAndLastInForceEverywhere()
    {
        await using var backend = await TestBackend.StartAsync("race");
        await using var cluster = await EdgeCluster.StartAsync();
        var (a, b) = (cluster.Edges[0], cluster.Edges[1]);
        await a.PutSiteAsync("race", EdgeTestHost.Site("race.test", backend));
        var start = DateTimeOffset.UtcNow.AddDays(30);

        // 2 × 15 switches at once, each with its own end time so each write is recognisable in the history.
        var writes = Enumerable.Range(0, 30).Select(k => (Edge: k % 2 == 0 ? a : b, Mode: k % 3 == 0 ? "auto" : "maintenance", Until: start.AddMinutes(k))).ToList();
        var answers = await Task.WhenAll(writes.Select(async w =>
        {
            using var response = await w.Edge.Admin.PutAsJsonAsync("/api/v1/sites/race/mode", new { mode = w.Mode, until = w.Until });
            return response.StatusCode;
        }));
        var acknowledged = writes.Where((w, i) => answers[i] == HttpStatusCode.OK).ToList();
        Assert.All(answers, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answer {s}"));
        Assert.True(acknowledged.Count >= 20, $"only {acknowledged.Count} of 30 switches were acknowledged");

        JsonObject? first = null;
        foreach (var edge in cluster.Edges)
        {
            var events = await Poll.UntilAsync(async () => (await edge.EventsAsync("race")).Where(e => (string?)e!["kind"] == "mode").ToList(),
                e => e.Count >= acknowledged.Count, TimeSpan.FromSeconds(15), "every acknowledged switch in the history");
            Assert.Equal(acknowledged.Count, events.Count);
            foreach (var w in acknowledged.Where(w => w.Mode == "maintenance"))
            {
                Assert.Contains(events, e => ((string)e!["cause"]!).Contains(w.Until.ToString("O"), StringComparison.Ordinal));
            }

            // What is in force is the last write in the history, the same on every edge.
            var last = events[^1]!;
            var site = await Poll.UntilAsync(() => edge.GetSiteAsync("race"), s => (string?)s["mode"] == (string?)last["to"], TimeSpan.FromSeconds(10), "the last write in force");
            first ??= site;
            Assert.Equal((string?)first["mode"], (string?)site["mode"]);
            Assert.Equal((long)first["version"]!, (long)site["version"]!);
        }
    }

    [Fact]
    public async Task EtcdFailures_OneMemberThenAll_ServeLastStateRefuseWritesAndConvergeAfter()
    {
        await using var backend = await TestBackend.StartAsync("fail");
        await using var cluster = await EdgeCluster.StartAsync();
        var (a, b, c) = (cluster.Edges[0], cluster.Edges[1], cluster.Edges[2]);
        await a.PutSiteAsync("fail", EdgeTestHost.Site("fail.test", backend));
        await a.PutSiteAsync("other", EdgeTestHost.Site("other.test", backend));

        // One member gone: writes and propagation go on.
        await cluster.Etcd.KillMemberAsync(0);
        await b.SetModeAsync("other", "maintenance");
        using (var onC = c.Client("other.test"))
        {
            await Poll.UntilAsync(async () => (await onC.GetAsync("/")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "a switch made with one member down to reach C");
        }

        // Every member gone: writes are refused with 503 problem+json and change nothing.
        await cluster.Etcd.KillAllAsync();
        var before = await a.GetSiteAsync("fail");
        using (var refused = await a.Admin.PutAsJsonAsync("/api/v1/sites/fail/mode", new { mode = "maintenance" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("cluster store is unavailable", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using (var refusedCustomer = await b.Admin.PostAsJsonAsync("/api/v1/customers", new { id = "late", name = "Late" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedCustomer.StatusCode);
        }

        Assert.Equal((string?)before["mode"], (string?)(await a.GetSiteAsync("fail"))["mode"]);
        var ready = JsonNode.Parse(await a.Admin.GetStringAsync("/readyz"))!;
        Assert.Equal("unavailable", (string?)ready["clusterStore"]);

        // The data plane goes on from the local copy, takeover included.
        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("fail.test");
            Assert.Equal(backend.Body, await client.GetStringAsync("/"));
        }

        await backend.KillAsync();
        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("fail.test");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        }

        await backend.StartAsync();

        // An edge restarted now serves what it had, from its local copy.
        await c.RestartAsync();
        using (var restarted = c.Client("other.test"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await restarted.GetAsync("/")).StatusCode);
        }

        using (var restarted = c.Client("fail.test"))
        {
            await Poll.UntilAsync(() => restarted.GetAsync("/"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the restarted edge to forward from its copy");
        }

        // etcd back: every edge accepts writes again and converges; nothing acknowledged is lost.
        await cluster.Etcd.StartAllAsync();
        await Poll.UntilAsync(async () => (await a.Admin.PutAsJsonAsync("/api/v1/sites/fail/mode", new { mode = "maintenance" })).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "writes to be accepted again");
        foreach (var edge in cluster.Edges)
        {
            using var client = edge.Client("fail.test");
            await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20), "the new switch everywhere");
            var events = await edge.EventsAsync("other");
            Assert.Contains(events, e => (string?)e!["kind"] == "mode" && (string?)e!["to"] == "maintenance");
        }
    }
}
