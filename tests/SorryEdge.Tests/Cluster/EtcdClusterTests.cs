using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>The etcd fixture itself, spoken to through etcd's own JSON gateway (no etcd client library).</summary>
[Trait("Category", "RealPeer")]
public sealed class EtcdClusterTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task StartAsync_PutOnOneMember_RangeOnAnotherReturnsIt()
    {
        await using var etcd = await EtcdCluster.StartAsync();

        Assert.Equal(3, etcd.ClientUrls.Length);
        Assert.Equal(string.Join(',', etcd.ClientUrls), etcd.EndpointList);
        Assert.All(etcd.ClientUrls, u => Assert.StartsWith("http://127.0.0.1:", u));
        await PutAsync(etcd.ClientUrls[0], "/fixture/a", "one");

        Assert.Equal("one", await GetAsync(etcd.ClientUrls[2], "/fixture/a"));
        Assert.Null(await GetAsync(etcd.ClientUrls[1], "/fixture/missing"));
    }

    [Fact]
    public async Task StartAsync_TwoClustersAtOnce_EachOnItsOwnPortsAndData()
    {
        var starting = new[] { EtcdCluster.StartAsync(), EtcdCluster.StartAsync() };
        try
        {
            await Task.WhenAll(starting);
            var a = await starting[0];
            var b = await starting[1];

            Assert.Empty(a.ClientUrls.Intersect(b.ClientUrls));
            Assert.NotEqual(a.Directory, b.Directory);
            await PutAsync(a.ClientUrls[0], "/fixture/which", "a");
            await PutAsync(b.ClientUrls[0], "/fixture/which", "b");
            Assert.Equal("a", await GetAsync(a.ClientUrls[2], "/fixture/which"));
            Assert.Equal("b", await GetAsync(b.ClientUrls[2], "/fixture/which"));
        }
        finally
        {
            foreach (var start in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await (await start).DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task KillMemberAsync_OtherTwoTakePuts_RestartedMemberHealthyAndCaughtUp()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await PutAsync(etcd.ClientUrls[0], "/fixture/k", "before");
        var pid = etcd.Pid(0)!.Value;

        await etcd.KillMemberAsync(0);

        Assert.False(etcd.IsRunning(0));
        Assert.False(ProcessExists(pid));
        Assert.False(await etcd.IsHealthyAsync(0));
        // Killing the raft leader stalls a put in flight for etcd's request timeout (ETCD.md §6):
        // wait for the two to elect a leader, then a put must go through.
        await etcd.WaitHealthyAsync(EtcdCluster.HealthBudget);
        await Poll.UntilAsync(() => TryPutAsync(etcd.ClientUrls[1], "/fixture/k", "during"), ok => ok, EtcdCluster.HealthBudget, "a put on the two remaining members");
        Assert.Equal("during", await GetAsync(etcd.ClientUrls[2], "/fixture/k"));

        await etcd.StartMemberAsync(0);

        Assert.True(await etcd.IsHealthyAsync(0));
        Assert.NotEqual(pid, etcd.Pid(0));
        Assert.Equal("during", await GetAsync(etcd.ClientUrls[0], "/fixture/k"));
    }

    [Fact]
    public async Task KillAllAsync_ThenStartAllAsync_KeepsTheDataAndDisposeLeavesNothing()
    {
        var etcd = await EtcdCluster.StartAsync("--auto-compaction-mode=revision", "--auto-compaction-retention=1000");
        int[] pids;
        string directory;
        try
        {
            await PutAsync(etcd.ClientUrls[1], "/fixture/kept", "yes");
            await etcd.KillAllAsync();
            Assert.All(Enumerable.Range(0, EtcdCluster.Size), i => Assert.False(etcd.IsRunning(i)));
            Assert.False(await etcd.IsHealthyAsync(1));

            await etcd.StartAllAsync();

            Assert.Equal("yes", await GetAsync(etcd.ClientUrls[2], "/fixture/kept"));
            pids = [.. Enumerable.Range(0, EtcdCluster.Size).Select(i => etcd.Pid(i)!.Value)];
            directory = etcd.Directory;
            Assert.Contains("auto-compaction-retention", await File.ReadAllTextAsync(etcd.LogPath(0)));
        }
        finally
        {
            await etcd.DisposeAsync();
        }

        Assert.All(pids, p => Assert.False(ProcessExists(p)));
        Assert.False(Directory.Exists(directory));
    }

    private static async Task PutAsync(string url, string key, string value)
    {
        using var response = await Http.PostAsJsonAsync(url + "/v3/kv/put", new { key = B64(key), value = B64(value) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"put {key} at {url}: {(int)response.StatusCode} {body}");
        Assert.NotNull(JsonNode.Parse(body)?["header"]?["revision"]);
    }

    private static async Task<bool> TryPutAsync(string url, string key, string value)
    {
        using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await Http.PostAsJsonAsync(url + "/v3/kv/put", new { key = B64(key), value = B64(value) }, attempt.Token);
            return response.IsSuccessStatusCode;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<string?> GetAsync(string url, string key)
    {
        using var response = await Http.PostAsJsonAsync(url + "/v3/kv/range", new { key = B64(key) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"range {key} at {url}: {(int)response.StatusCode} {body}");
        var kvs = JsonNode.Parse(body)?["kvs"]?.AsArray();
        return kvs is [var kv, ..] ? Encoding.UTF8.GetString(Convert.FromBase64String(kv!["value"]!.GetValue<string>())) : null;
    }

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");
}
