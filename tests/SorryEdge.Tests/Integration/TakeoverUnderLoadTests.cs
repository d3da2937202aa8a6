using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

[Collection(Serial.Name)]
public sealed class TakeoverUnderLoadTests
{
    [Fact]
    public async Task KillAndRestartBackend_32ConcurrentClients_OnlyBackendOrSorryAndQuickFailback()
    {
        await using var backend = await TestBackend.StartAsync("a");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("shop", EdgeTestHost.Site("shop.test", backend));
        const int intervalMs = 200, rise = 2;

        var results = new ConcurrentBag<(TimeSpan At, int Status, string Body, string? Error)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        using var client = edge.Client("shop.test", new SocketsHttpHandler { MaxConnectionsPerServer = 64, AllowAutoRedirect = false });
        var workers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/");
                    results.Add((clock.Elapsed, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), null));
                }
                catch (Exception ex)
                {
                    results.Add((clock.Elapsed, 0, "", ex.GetType().Name + ": " + ex.Message));
                }
            }
        })).ToArray();

        await Poll.UntilAsync(() => results.Count(r => r.Status == 200) > 100, TimeSpan.FromSeconds(10), "traffic on the backend");
        await backend.KillAsync();
        await Poll.UntilAsync(() => results.Count(r => r.Status == 503) > 100, TimeSpan.FromSeconds(10), "sorry answers while the backend is dead");
        await backend.StartAsync();
        var restartedAt = clock.Elapsed;
        await Poll.UntilAsync(() => results.Any(r => r.Status == 200 && r.At > restartedAt), TimeSpan.FromSeconds(10), "traffic back on the backend");
        var bound = TimeSpan.FromMilliseconds(rise * intervalMs + 1000);
        await Poll.UntilAsync(() => clock.Elapsed > restartedAt + bound + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), "a second of traffic after failback");
        stop.Cancel();
        await Task.WhenAll(workers);

        var all = results.ToList();
        var unexpected = all.Where(r => !(r.Status == 200 && r.Body == backend.Body)
            && !(r.Status == 503 && r.Body.Contains("temporarily unavailable", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} of {all.Count} responses were neither the backend's 200 nor the sorry 503, e.g. {unexpected.FirstOrDefault()}");
        Assert.Contains(all, r => r.Status == 503);
        var lastSorry = all.Where(r => r.Status == 503).Max(r => r.At);
        Assert.True(lastSorry - restartedAt <= bound, $"sorry answers went on {(lastSorry - restartedAt).TotalMilliseconds:0} ms after the backend returned; bound {bound.TotalMilliseconds} ms");
    }
}
