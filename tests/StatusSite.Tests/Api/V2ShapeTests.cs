using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Api;

/// <summary>
/// Every v2 document against the Statuspage shape fixture (Fixtures/statuspage-v2-shapes.json, built from
/// Statuspage's documented example payloads) in the empty, busy and maintenance states.
/// </summary>
public sealed class V2ShapeTests
{
    private static readonly JsonObject Fixture = ShapeComparer.LoadFixture();

    [Fact]
    public async Task Documents_EmptySite_MatchStatuspageShape()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var docs = await AssertAllDocumentsMatchAsync(host);

        Assert.Empty(docs["/api/v2/components.json"]["components"]!.AsArray());
        Assert.Equal("none", docs["/api/v2/status.json"]["status"]!["indicator"]!.GetValue<string>());
        Assert.Equal("All Systems Operational", docs["/api/v2/status.json"]["status"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Documents_BusySite_MatchStatuspageShapeWithNulls()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("api", "API", group: "Platform");
        await host.PutComponentAsync("web", "Website", group: "Platform");
        await host.PutComponentAsync("mail", "Mail");
        var open = await host.CreateIncidentAsync("API errors", "We are **looking** into it.", new Dictionary<string, string> { ["api"] = "major_outage" });
        var done = await host.CreateIncidentAsync("Slow website", "Slow.", new Dictionary<string, string> { ["web"] = "degraded_performance" }, impact: "minor");
        var resolved = await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{done}/updates", new { status = "resolved", body = "Fixed." });
        resolved.EnsureSuccessStatusCode();
        var ingest = await host.Ingest.PostAsJsonAsync("/api/v1/ingest/events", new
        {
            id = "evt-1",
            source = "edge",
            component = "site-a",
            componentName = "Site A",
            group = "Customer sites",
            status = "major_outage",
            cause = "backend down",
            occurredAt = DateTimeOffset.UtcNow,
        });
        ingest.EnsureSuccessStatusCode();

        var docs = await AssertAllDocumentsMatchAsync(host);

        var summary = docs["/api/v2/summary.json"];
        var incident = Assert.Single(summary["incidents"]!.AsArray())!;
        Assert.Equal(open, incident["id"]!.GetValue<string>());
        Assert.Null(incident["resolved_at"]);
        Assert.True(incident.AsObject().ContainsKey("resolved_at"));
        Assert.Equal("major_outage", incident["incident_updates"]![0]!["affected_components"]![0]!["new_status"]!.GetValue<string>());
        // One of three public components in major outage (the ingested site is hidden): "major", as real pages say.
        Assert.Equal("major", summary["status"]!["indicator"]!.GetValue<string>());
        var group = summary["components"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "grp-platform")!;
        Assert.True(group["group"]!.GetValue<bool>());
        Assert.Equal(["api", "web"], group["components"]!.AsArray().Select(n => n!.GetValue<string>()));
        var all = docs["/api/v2/incidents.json"]["incidents"]!.AsArray();
        Assert.Equal(2, all.Count);
        Assert.NotNull(all.Single(i => i!["id"]!.GetValue<string>() == done)!["resolved_at"]);
    }

    [Fact]
    public async Task Documents_MaintenanceUpcomingAndActive_MatchStatuspageShape()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StatusSiteHost.StartAsync(time);
        await host.PutComponentAsync("db", "Database");
        var now = time.GetUtcNow();
        await PostMaintenanceAsync(host, "Soon", now.AddMinutes(5), now.AddHours(1));
        await PostMaintenanceAsync(host, "Later", now.AddDays(2), now.AddDays(2).AddHours(1));

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await StatusSiteHost.EventuallyAsync(async () =>
            (await host.GetJsonAsync("/api/v2/scheduled-maintenances/active.json"))["scheduled_maintenances"]!.AsArray().Count == 1));

        var docs = await AssertAllDocumentsMatchAsync(host);
        var active = Assert.Single(docs["/api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"]!.AsArray())!;
        Assert.Equal("in_progress", active["status"]!.GetValue<string>());
        Assert.Equal("maintenance", active["impact"]!.GetValue<string>());
        var upcoming = Assert.Single(docs["/api/v2/scheduled-maintenances/upcoming.json"]["scheduled_maintenances"]!.AsArray())!;
        Assert.Equal("scheduled", upcoming["status"]!.GetValue<string>());
        Assert.Equal("2026-11-24T12:00:00.000Z", upcoming["scheduled_for"]!.GetValue<string>());
        Assert.Equal(2, docs["/api/v2/summary.json"]["scheduled_maintenances"]!.AsArray().Count);
        Assert.Equal("maintenance", docs["/api/v2/status.json"]["status"]!["indicator"]!.GetValue<string>());
    }

    internal static async Task PostMaintenanceAsync(StatusSiteHost host, string name, DateTimeOffset from, DateTimeOffset until)
    {
        var response = await host.Staff.PostAsJsonAsync("/api/v1/maintenances",
            new { name, scheduledFor = from, scheduledUntil = until, body = "Upgrading the **database**.", components = new[] { "db" } });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Dictionary<string, JsonNode>> AssertAllDocumentsMatchAsync(StatusSiteHost host)
    {
        var comparer = new ShapeComparer(Fixture["definitions"]!.AsObject());
        var docs = new Dictionary<string, JsonNode>();
        foreach (var (path, shape) in Fixture["documents"]!.AsObject())
        {
            var response = await host.Client.GetAsync(path);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var errors = comparer.Compare(doc, shape!);
            Assert.True(errors.Count == 0, path + ":\n" + string.Join("\n", errors));
            docs[path] = doc;
        }

        return docs;
    }
}
