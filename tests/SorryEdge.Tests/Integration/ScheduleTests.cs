using System.Net;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class ScheduleTests
{
    [Fact]
    public async Task ScheduledWindow_ClockPassesStartAndEnd_OpensAndClosesOnTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("sched");
        await using var edge = await EdgeTestHost.StartAsync(time: time);
        var start = time.GetUtcNow().AddHours(1);
        var end = start.AddMinutes(30);
        await edge.PutSiteAsync("sched", EdgeTestHost.Site("sched.test", [backend.Url], s =>
            s["schedules"] = new[] { new { id = "upgrade", start, end, mode = "maintenance" } }));
        using var client = edge.Client("sched.test");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await Poll.UntilAsync(async () => await edge.EventsAsync("sched"), e => e.Any(x => (string?)x!["kind"] == "schedule.start"),
            TimeSpan.FromSeconds(5), "the schedule.start event");
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await Poll.UntilAsync(async () => await edge.EventsAsync("sched"), e => e.Any(x => (string?)x!["kind"] == "schedule.end"),
            TimeSpan.FromSeconds(5), "the schedule.end event");
    }

    [Fact]
    public async Task ModeUntil_ClockPassesEnd_BackToAutoAndRecorded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        await using var backend = await TestBackend.StartAsync("until");
        await using var edge = await EdgeTestHost.StartAsync(time: time);
        await edge.PutSiteAsync("until", EdgeTestHost.Site("until.test", backend));
        await edge.SetModeAsync("until", "maintenance", time.GetUtcNow().AddMinutes(10));
        using var client = edge.Client("until.test");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await Poll.UntilAsync(async () => (string?)(await edge.GetSiteAsync("until"))["mode"], m => m == "auto", TimeSpan.FromSeconds(5), "the stored mode to return to auto");
    }
}
