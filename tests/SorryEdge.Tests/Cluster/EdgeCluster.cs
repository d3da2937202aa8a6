using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>
/// A real 3-member etcd and three real edges (edge1..edge3, priority in that order) in cluster
/// mode, each binding its outgoing connections to its own loopback address (127.0.0.2, .3, .4).
/// </summary>
public sealed class EdgeCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _extra;

    private EdgeCluster(EtcdCluster etcd, Dictionary<string, string?> extra)
    {
        Etcd = etcd;
        _extra = extra;
    }

    public EtcdCluster Etcd { get; }

    public EdgeTestHost[] Edges { get; } = new EdgeTestHost[3];

    public static string SourceAddress(int i) => $"127.0.0.{i + 2}";

    public static async Task<EdgeCluster> StartAsync(Dictionary<string, string?>? extra = null, int edges = 3)
    {
        var etcd = await EtcdCluster.StartAsync();
        var cluster = new EdgeCluster(etcd, extra ?? []);
        try
        {
            for (var i = 0; i < edges; i++)
            {
                cluster.Edges[i] = await EdgeTestHost.StartAsync(cluster.Settings(i));
            }

            await cluster.WaitAliveAsync(Enumerable.Range(0, edges).ToArray());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Dictionary<string, string?> Settings(int i)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Edge:Cluster:Node"] = $"edge{i + 1}",
            ["Edge:Cluster:SourceAddress"] = SourceAddress(i),
            ["Edge:Cluster:LeaseTtlSeconds"] = "2",
            ["Edge:Cluster:CallTimeoutMs"] = "1000",
            ["Edge:Cluster:OverseerStabilityMs"] = "1500",
        };
        for (var n = 0; n < 3; n++)
        {
            settings[$"Edge:Cluster:Nodes:{n}"] = $"edge{n + 1}";
            settings[$"Edge:Cluster:Etcd:Endpoints:{n}"] = Etcd.ClientUrls[n];
        }

        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts edge <paramref name="i"/> (again, on its own data folder when it ran before).</summary>
    public async Task StartEdgeAsync(int i)
    {
        if (Edges[i] is { } edge)
        {
            await edge.RestartAsync();
        }
        else
        {
            Edges[i] = await EdgeTestHost.StartAsync(Settings(i));
        }
    }

    public static async Task<JsonObject> ClusterAsync(EdgeTestHost edge) =>
        JsonNode.Parse(await edge.Admin.GetStringAsync("/api/v1/cluster"))!.AsObject();

    /// <summary>Waits until each given edge sees all of them alive.</summary>
    public Task WaitAliveAsync(params int[] edges) =>
        Task.WhenAll(edges.Select(i => Poll.UntilAsync(() => ClusterAsync(Edges[i]),
            c => edges.All(j => (bool)c["nodes"]!.AsArray()[j]!["alive"]!) && (bool)c["store"]!["available"]!,
            TimeSpan.FromSeconds(20), $"edge{i + 1} to see the cluster alive")));

    /// <summary>The overseer every edge agrees on, once they agree.</summary>
    public async Task<string> WaitOverseerAsync(string expected, params int[] edges)
    {
        foreach (var i in edges)
        {
            await Poll.UntilAsync(() => ClusterAsync(Edges[i]), c => (string?)c["overseer"] == expected, TimeSpan.FromSeconds(30), $"edge{i + 1} to see {expected} as overseer");
        }

        return expected;
    }

    public static async Task<HttpResponseMessage> SendAsync(EdgeTestHost edge, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await edge.Admin.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in Edges)
        {
            if (edge is not null)
            {
                await edge.DisposeAsync();
            }
        }

        await Etcd.DisposeAsync();
    }
}
