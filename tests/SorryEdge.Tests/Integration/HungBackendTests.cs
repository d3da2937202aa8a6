using System.Diagnostics;
using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

[Collection(Serial.Name)]
public sealed class HungBackendTests
{
    [Fact]
    public async Task Request_BackendWhoseAcceptQueueIsFull_SorryWithinConnectTimeout()
    {
        using var stuck = await FullAcceptQueue.StartAsync();
        await using var edge = await EdgeTestHost.StartAsync();
        const int connectTimeoutMs = 1000;
        // Slow probes, so the answer comes from the connect timeout and not from the probes.
        await edge.PutSiteAsync("stuck", EdgeTestHost.Site("stuck.test", [stuck.Url], s =>
        {
            s["health"] = new { path = "/health", intervalMs = 30000, timeoutMs = 5000, rise = 2, fall = 2 };
            s["connectTimeoutMs"] = connectTimeoutMs;
        }));

        using var client = edge.Client("stuck.test");
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("temporarily unavailable", await response.Content.ReadAsStringAsync());
        Assert.InRange(clock.ElapsedMilliseconds, 0, connectTimeoutMs + 700);
    }

    [Fact]
    public async Task Requests_OneBackendHangsOnConnectOtherHealthy_AllServedByTheHealthyOne()
    {
        using var stuck = await FullAcceptQueue.StartAsync();
        await using var healthy = await TestBackend.StartAsync("healthy");
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("half", EdgeTestHost.Site("half.test", [stuck.Url, healthy.Url], s =>
        {
            s["health"] = new { path = "/health", intervalMs = 30000, timeoutMs = 5000, rise = 2, fall = 2 };
            s["connectTimeoutMs"] = 500;
        }));
        using var client = edge.Client("half.test");
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(healthy.Body, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("unhealthy", (string?)(await edge.GetSiteAsync("half"))["state"]!["destinations"]![0]!["health"]);
    }

    [Fact]
    public async Task WaitingRequest_BackendAcceptsAndNeverAnswers_AnsweredWhenProbesDeclareItDown()
    {
        await using var backend = await TestBackend.StartAsync("hang");
        await using var edge = await EdgeTestHost.StartAsync();
        const int intervalMs = 300, timeoutMs = 200, fall = 2;
        await edge.PutSiteAsync("hang", EdgeTestHost.Site("hang.test", [backend.Url], s =>
        {
            s["health"] = new { path = "/health", intervalMs, timeoutMs, rise = 2, fall };
            s["responseTimeoutMs"] = 60000;
        }));
        await Poll.UntilAsync(async () => (string?)(await edge.GetSiteAsync("hang"))["state"]!["destinations"]![0]!["health"], h => h == "healthy",
            TimeSpan.FromSeconds(10), "the backend to be probed healthy");

        backend.Hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = edge.Client("hang.test");
        var clock = Stopwatch.StartNew();
        var hitsBefore = backend.Hits;
        using var response = await client.GetAsync("/");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(backend.Hits > hitsBefore, "the request should have been waiting on the backend");
        var bound = fall * (intervalMs + timeoutMs) + 1000;
        Assert.InRange(clock.ElapsedMilliseconds, 0, bound);
        var events = await edge.EventsAsync("hang");
        Assert.Contains(events, e => (string?)e!["kind"] == "site.down");
    }
}
