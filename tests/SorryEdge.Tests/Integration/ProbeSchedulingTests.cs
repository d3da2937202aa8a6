using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>The edge's own probe scheduler: fast interval while a backend is down, a global cap on probes in flight.</summary>
[Collection(Serial.Name)]
public sealed class ProbeSchedulingTests
{
    [Fact]
    public async Task FastInterval_BackendBack_FailbackLongBeforeTheNormalInterval()
    {
        await using var backend = await TestBackend.StartAsync("fast");
        await using var edge = await EdgeTestHost.StartAsync();
        // A 30 s interval: without fast checks the backend would not be confirmed up for a minute.
        await edge.PutSiteAsync("fast", EdgeTestHost.Site("fast.test", [backend.Url], s =>
            s["health"] = new { path = "/health", intervalMs = 30000, fastIntervalMs = 150, timeoutMs = 150, rise = 2, fall = 2 }));
        using var client = edge.Client("fast.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await backend.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await backend.StartAsync();

        var status = await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "failback at the fast interval");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task ManySitesAtStart_ProbesQueuedUnderTheCap_NoneTimesOutNorGoesDown()
    {
        await using var backend = await SlowHealthBackend.StartAsync(TimeSpan.FromMilliseconds(150));
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:HealthProbes:MaxConcurrent"] = "2" });
        const int sites = 40;
        for (var i = 0; i < sites; i++)
        {
            // fall 1 and a 1 s timeout: a probe whose timeout ran while it waited for a slot would mark its site down.
            await edge.PutSiteAsync($"s{i}", EdgeTestHost.Site($"s{i}.test", [backend.Url], s =>
                s["health"] = new { path = "/health", intervalMs = 60000, timeoutMs = 1000, rise = 1, fall = 1 }));
        }

        // Probes the first edge still has at the backend must not count against the second one's cap.
        await edge.StopAsync();
        await Poll.UntilAsync(() => backend.InFlight == 0, TimeSpan.FromSeconds(10), "the first edge's probes finished");
        backend.ResetPeak();
        await edge.RestartAsync();

        // The start probes every site at once: 40 × 150 ms through 2 slots takes ~3 s, three times the timeout
        // (each probe itself has ~850 ms to spare on a loaded machine).
        await Poll.UntilAsync(() => backend.Probes >= sites, TimeSpan.FromSeconds(20), "every site probed at start");
        await Poll.UntilAsync(
            async () =>
            {
                var healths = new List<string?>();
                for (var i = 0; i < sites; i++)
                {
                    healths.Add((string?)(await edge.GetSiteAsync($"s{i}"))["state"]!["destinations"]![0]!["health"]);
                }

                return healths;
            },
            h => h.All(x => x == "healthy"),
            TimeSpan.FromSeconds(20),
            "every site healthy after the start probes");
        Assert.InRange(backend.Peak, 1, 2);
        for (var i = 0; i < sites; i++)
        {
            Assert.DoesNotContain(await edge.EventsAsync($"s{i}"), e => (string?)e!["kind"] is "site.down" or "destination.down");
        }
    }

    /// <summary>A backend whose /health takes a fixed time and which counts probes in flight.</summary>
    private sealed class SlowHealthBackend(WebApplication app) : IAsyncDisposable
    {
        private int _inFlight;
        private int _peak;
        private int _probes;

        public string Url => app.Urls.First();

        public int Peak => Volatile.Read(ref _peak);

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Probes => Volatile.Read(ref _probes);

        public static async Task<SlowHealthBackend> StartAsync(TimeSpan delay)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            SlowHealthBackend? backend = null;
            app.MapGet("/health", async () =>
            {
                var now = Interlocked.Increment(ref backend!._inFlight);
                Interlocked.Increment(ref backend._probes);
                for (var peak = backend.Peak; now > peak && Interlocked.CompareExchange(ref backend._peak, now, peak) != peak; peak = backend.Peak)
                {
                }

                await Task.Delay(delay); // wait-ok: the backend's own response time, not a test wait
                Interlocked.Decrement(ref backend._inFlight);
                return "ok";
            });
            backend = new SlowHealthBackend(app);
            await app.StartAsync();
            return backend;
        }

        public void ResetPeak()
        {
            Volatile.Write(ref _peak, 0);
            Volatile.Write(ref _probes, 0);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
