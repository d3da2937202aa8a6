using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StatusSite.Tests.Api;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Maintenance;

public sealed class MaintenanceTimingTests
{
    [Fact]
    public async Task Scheduler_FakeClockPassesWindow_StartsAndEndsOnTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time);
        await host.PutComponentAsync("db", "Database");
        var start = time.GetUtcNow().AddMinutes(10);
        await V2ShapeTests.PostMaintenanceAsync(host, "Upgrade", start, start.AddHours(1));

        // One second before the start nothing may have moved.
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await AdvanceNowAsync(host));
        Assert.Equal("scheduled", await MaintenanceStatusAsync(host));
        Assert.Equal("operational", await ComponentStatusAsync(host));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await StatusSiteHost.EventuallyAsync(async () => await MaintenanceStatusAsync(host) == "in_progress"));
        Assert.Equal("under_maintenance", await ComponentStatusAsync(host));
        var m = await MaintenanceAsync(host);
        Assert.Equal("2026-11-22T12:10:00.000Z", m["started_at"]!.GetValue<string>());

        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await AdvanceNowAsync(host));
        Assert.Equal("in_progress", await MaintenanceStatusAsync(host));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await StatusSiteHost.EventuallyAsync(async () => await MaintenanceStatusAsync(host) == "completed"));
        Assert.Equal("operational", await ComponentStatusAsync(host));
        m = await MaintenanceAsync(host);
        Assert.Equal("2026-11-22T13:10:00.000Z", m["resolved_at"]!.GetValue<string>());
        Assert.Equal(3, m["incident_updates"]!.AsArray().Count);
    }

    // Runs the scheduler's step directly: at one second before a boundary it must find nothing due.
    private static Task<int> AdvanceNowAsync(StatusSiteHost host) =>
        ((StatusSite.Staff.IncidentService)host.Services.GetService(typeof(StatusSite.Staff.IncidentService))!)
            .AdvanceMaintenanceAsync(CancellationToken.None);

    private static async Task<JsonNode> MaintenanceAsync(StatusSiteHost host) =>
        (await host.GetJsonAsync("/api/v2/scheduled-maintenances.json"))["scheduled_maintenances"]![0]!;

    private static async Task<string> MaintenanceStatusAsync(StatusSiteHost host) =>
        (await MaintenanceAsync(host))["status"]!.GetValue<string>();

    private static async Task<string> ComponentStatusAsync(StatusSiteHost host) =>
        (await host.GetJsonAsync("/api/v2/components.json"))["components"]![0]!["status"]!.GetValue<string>();
}
