using Microsoft.Extensions.Options;
using SorryEdge.Tests.Cli;
using SorryEdge.Tests.Portal;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>The cluster as operators see it (API, CLI, portal, metrics) and its configuration checks.</summary>
[Trait("Category", "RealPeer")]
[Collection(Serial.Name)]
public sealed class ClusterViewTests
{
    [Fact]
    public async Task Cluster_SeenThroughApiCliPortalAndMetrics_NodesOverseerAndStore()
    {
        await using var cluster = await EdgeCluster.StartAsync();
        await cluster.WaitOverseerAsync("edge1", 0, 1, 2);
        var edge2 = cluster.Edges[1];

        // Each heartbeat carries the revision its node has applied (0 only before its first load).
        var status = await Poll.UntilAsync(() => EdgeCluster.ClusterAsync(edge2), s => s["nodes"]!.AsArray().All(n => (long?)n!["appliedRevision"] > 0),
            TimeSpan.FromSeconds(10), "every node's applied revision");
        Assert.Equal("edge2", (string?)status["node"]);
        Assert.Equal(["edge1", "edge2", "edge3"], status["nodes"]!.AsArray().Select(n => (string?)n!["name"]));
        Assert.All(status["nodes"]!.AsArray(), n => Assert.True((long)n!["appliedRevision"]! > 0));
        Assert.False((bool)status["isOverseer"]!);

        var cli = await CliRunner.RunAsync(edge2.AdminUri.ToString(), EdgeTestHost.Token, "cluster");
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("node edge2  overseer edge1  store available", cli.Stdout);
        Assert.Matches(@"1\s+edge1\s+yes\s+yes", cli.Stdout);

        using var portal = new PortalSession(edge2);
        await portal.LoginAsync(EdgeTestHost.Token);
        var page = await (await portal.GetAsync("/portal/cluster")).Content.ReadAsStringAsync();
        Assert.Contains("The cluster store (etcd) is available", page);
        Assert.Contains("<td>edge3</td><td>yes</td>", page);

        var metrics = await edge2.Admin.GetStringAsync("/metrics");
        Assert.Contains("sorryedge_cluster_store_available{node=\"edge2\"} 1", metrics);
        Assert.Contains("sorryedge_cluster_live_nodes{node=\"edge2\"} 3", metrics);

        await cluster.Etcd.KillAllAsync();
        await Poll.UntilAsync(() => EdgeCluster.ClusterAsync(edge2), s => !(bool)s["store"]!["available"]!, TimeSpan.FromSeconds(10), "the store to be reported unavailable");
        Assert.Contains("sorryedge_cluster_store_available{node=\"edge2\"} 0", await edge2.Admin.GetStringAsync("/metrics"));
        var down = await CliRunner.RunAsync(edge2.AdminUri.ToString(), EdgeTestHost.Token, "cluster");
        Assert.Contains("store UNAVAILABLE", down.Stdout);
    }

    [Theory]
    [InlineData("Edge:Cluster:Node", "")]
    [InlineData("Edge:Cluster:Node", "edge9")]
    [InlineData("Edge:Cluster:Etcd:Endpoints:0", "not a url")]
    [InlineData("Edge:Cluster:SourceAddress", "nowhere")]
    [InlineData("Edge:Cluster:OverseerStabilityMs", "-1")]
    public async Task Start_BadClusterSetting_RefusedWithTheKeyNamed(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Edge:Cluster:Etcd:Endpoints:0"] = "http://127.0.0.1:1",
            ["Edge:Cluster:Node"] = "edge1",
            ["Edge:Cluster:Nodes:0"] = "edge1",
            ["Edge:Cluster:Nodes:1"] = "edge2",
            [key] = value,
        };
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EdgeTestHost.StartAsync(settings));
        Assert.Contains(key.Replace(":0", "", StringComparison.Ordinal).Split(':').Last(), error.Message);
        Assert.Contains("Edge:Cluster:", error.Message);
    }
}
