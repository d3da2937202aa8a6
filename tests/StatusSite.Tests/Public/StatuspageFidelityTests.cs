using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StatusSite.Tests.Api;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Public;

/// <summary>The v2 JSON against what real Statuspage pages serve (Fixtures/real, from GitHub's and Twilio's pages).</summary>
public sealed class StatuspageFidelityTests
{
    private static readonly string Real = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real");

    [Theory]
    [InlineData(new[] { "major_outage", "major_outage", "major_outage", "major_outage", "major_outage", "partial_outage", "operational", "operational", "operational" }, "major", "Partial System Outage")]
    [InlineData(new[] { "major_outage", "major_outage" }, "critical", "Major System Outage")]
    [InlineData(new[] { "degraded_performance", "operational", "operational" }, "minor", "Partially Degraded Service")]
    [InlineData(new[] { "partial_outage", "degraded_performance" }, "minor", "Minor Service Outage")]
    [InlineData(new[] { "under_maintenance", "operational" }, "maintenance", "Service Under Maintenance")]
    public async Task Status_ComponentsOnly_IndicatorAndDescriptionAsRealPages(string[] statuses, string indicator, string description)
    {
        await using var host = await StatusSiteHost.StartAsync();
        for (var i = 0; i < statuses.Length; i++)
        {
            await host.PutComponentAsync($"c{i}", $"Component {i}", statuses[i]);
        }

        var status = (await host.GetJsonAsync("/api/v2/status.json"))["status"]!;
        Assert.Equal(indicator, (string)status["indicator"]!);
        Assert.Equal(description, (string)status["description"]!);
    }

    [Fact]
    public async Task Incident_EachUpdate_RecordsTheChangeItMadeWithGroupedNames()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("api", "API", group: "Platform");
        await host.PutComponentAsync("web", "Website");
        var id = await host.CreateIncidentAsync("API errors", "Errors.", new Dictionary<string, string> { ["api"] = "major_outage" });
        await PostUpdateAsync(host, id, new { status = "identified", body = "Better.", components = new Dictionary<string, string> { ["api"] = "partial_outage" } });
        await PostUpdateAsync(host, id, new { status = "resolved", body = "Fixed." });

        var incident = (await host.GetJsonAsync("/api/v2/incidents.json"))["incidents"]![0]!;
        var updates = incident["incident_updates"]!.AsArray();
        Assert.Equal(["resolved", "identified", "investigating"], updates.Select(u => (string)u!["status"]!));
        Assert.Equal(("operational", "major_outage"), Change(updates[2]!));
        Assert.Equal(("major_outage", "partial_outage"), Change(updates[1]!));
        Assert.Equal(("partial_outage", "operational"), Change(updates[0]!));
        Assert.All(updates, u => Assert.Equal("Platform - API", (string)u!["affected_components"]![0]!["name"]!));
    }

    [Fact]
    public async Task Maintenance_ScheduledUpdate_DoesNotClaimUnderMaintenanceBeforeTheWorkBegins()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time);
        await host.PutComponentAsync("db", "Database");
        var now = time.GetUtcNow();
        await V2ShapeTests.PostMaintenanceAsync(host, "Upgrade", now.AddMinutes(5), now.AddHours(1));

        var scheduled = (await host.GetJsonAsync("/api/v2/scheduled-maintenances.json"))["scheduled_maintenances"]![0]!;
        Assert.Equal(("operational", "operational"), Change(scheduled["incident_updates"]![0]!));
        Assert.Equal("operational", (string)scheduled["components"]![0]!["status"]!);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await StatusSiteHost.EventuallyAsync(async () =>
            (await host.GetJsonAsync("/api/v2/scheduled-maintenances/active.json"))["scheduled_maintenances"]!.AsArray().Count == 1));
        var active = (await host.GetJsonAsync("/api/v2/scheduled-maintenances.json"))["scheduled_maintenances"]![0]!;
        Assert.Equal(("operational", "under_maintenance"), Change(active["incident_updates"]![0]!));
    }

    [Fact]
    public async Task Timestamps_PageInLosAngeles_CarryThePageZoneOffset()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time, "--Status:Page:TimeZone=America/Los_Angeles");
        await host.PutComponentAsync("api", "API");

        var summary = await host.GetJsonAsync("/api/v2/summary.json");
        Assert.Equal("America/Los_Angeles", (string)summary["page"]!["time_zone"]!);
        Assert.Equal("2026-11-22T04:00:00.000-08:00", (string)summary["page"]!["updated_at"]!);
        Assert.Equal("2026-11-22T04:00:00.000-08:00", (string)summary["components"]![0]!["created_at"]!);
    }

    [Fact]
    public async Task Documents_CarryEveryKeyRealPagesCarry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time);
        await host.PutComponentAsync("api", "API", group: "Platform");
        await host.PutComponentAsync("db", "Database");
        await host.CreateIncidentAsync("API errors", "Errors.", new Dictionary<string, string> { ["api"] = "major_outage" });
        await V2ShapeTests.PostMaintenanceAsync(host, "Upgrade", time.GetUtcNow().AddHours(1), time.GetUtcNow().AddHours(2));

        var github = Load("incidents-github-2024-09-17.json")["incidents"]![0]!;
        var ours = (await host.GetJsonAsync("/api/v2/incidents.json"))["incidents"]![0]!;
        AssertHasKeys(github, ours, "incident");
        AssertHasKeys(github["incident_updates"]![0]!, ours["incident_updates"]![0]!, "incident update");
        AssertHasKeys(github["incident_updates"]![0]!["affected_components"]![0]!, ours["incident_updates"]![0]!["affected_components"]![0]!, "affected component");
        AssertHasKeys(github["components"]![0]!, ours["components"]![0]!, "incident component");

        var maintenance = Load("scheduled-maintenances-github-2022-02-07.json")["scheduled_maintenances"]![0]!;
        var ourMaintenance = (await host.GetJsonAsync("/api/v2/scheduled-maintenances.json"))["scheduled_maintenances"]![0]!;
        AssertHasKeys(maintenance, ourMaintenance, "maintenance");

        var twilio = Load("summary-twilio-2020-06-16.json");
        var summary = await host.GetJsonAsync("/api/v2/summary.json");
        AssertHasKeys(twilio, summary, "summary");
        AssertHasKeys(twilio["page"]!, summary["page"]!, "page");
        var components = summary["components"]!.AsArray();
        AssertHasKeys(twilio["components"]!.AsArray().First(c => !(bool)c!["group"]!)!, components.First(c => !(bool)c!["group"]!)!, "component");
        AssertHasKeys(twilio["components"]!.AsArray().First(c => (bool)c!["group"]!)!, components.First(c => (bool)c!["group"]!)!, "group");
    }

    private static (string Old, string New) Change(JsonNode update)
    {
        var a = update["affected_components"]![0]!;
        return ((string)a["old_status"]!, (string)a["new_status"]!);
    }

    private static async Task PostUpdateAsync(StatusSiteHost host, string id, object body)
    {
        using var response = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/updates", body);
        response.EnsureSuccessStatusCode();
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Real, file)))!;

    private static void AssertHasKeys(JsonNode real, JsonNode ours, string what)
    {
        var missing = real.AsObject().Select(p => p.Key).Except(ours.AsObject().Select(p => p.Key)).ToList();
        Assert.True(missing.Count == 0, $"{what} lacks keys real pages carry: {string.Join(", ", missing)}");
    }
}
