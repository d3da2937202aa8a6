using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Ingest;

public sealed class IngestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Post_SameIdTwice_SecondIsDuplicateAndChangesNothing()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var first = await PostAsync(host, "e-1", "major_outage", T0);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        await PostAsync(host, "e-2", "operational", T0.AddMinutes(1));

        var again = await PostAsync(host, "e-1", "major_outage", T0);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        Assert.Equal("operational", await StatusOfAsync(host, "site-a"));
        var incidents = await DraftsAsync(host);
        Assert.Single(incidents);
    }

    [Fact]
    public async Task Post_OlderEventAfterNewer_StoredButDoesNotOverwrite()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await PostAsync(host, "late-2", "operational", T0.AddMinutes(5));

        var stale = await PostAsync(host, "early-1", "major_outage", T0);

        Assert.Equal(HttpStatusCode.Accepted, stale.StatusCode);
        Assert.Equal("operational", await StatusOfAsync(host, "site-a"));
        Assert.Empty(await DraftsAsync(host));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(host, "early-1", "major_outage", T0)).StatusCode);
    }

    [Fact]
    public async Task Post_TakeoverThenRecovery_OpensDraftThenResolvesIt()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await PostAsync(host, "t-1", "major_outage", T0);

        // Created for staff, hidden from the public until they publish it.
        var component = (await ComponentAsync(host, "site-a"))!;
        Assert.Equal("Site A", component.Name);
        Assert.Equal("Customer sites", component.Group);
        Assert.True(component.Hidden);
        Assert.Empty((await host.GetJsonAsync("/api/v2/components.json"))["components"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("/api/v2/incidents.json"))["incidents"]!.AsArray());
        var draftId = Assert.Single(await DraftsAsync(host));
        Assert.DoesNotContain("Site A", await host.Client.GetStringAsync("/"));

        await PostAsync(host, "t-2", "operational", T0.AddMinutes(3));

        var draft = await host.Staff.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{draftId}");
        Assert.Equal("resolved", draft!["status"]!.GetValue<string>());
        Assert.True(draft["draft"]!.GetValue<bool>());
        Assert.True(draft["updates"]![0]!["automatic"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await host.Staff.PostAsync($"/api/v1/incidents/{draftId}/publish", null)).StatusCode);
        var published = Assert.Single((await host.GetJsonAsync("/api/v2/incidents.json"))["incidents"]!.AsArray())!;
        Assert.Equal("resolved", published["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Draft_DiscardsIt()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await PostAsync(host, "d-1", "partial_outage", T0);
        var draftId = Assert.Single(await DraftsAsync(host));

        var response = await host.Staff.DeleteAsync($"/api/v1/incidents/{draftId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Staff.GetAsync($"/api/v1/incidents/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Staff.PostAsync($"/api/v1/incidents/{draftId}/publish", null)).StatusCode);
    }

    [Fact]
    public async Task Post_AgentOutage_ChangesStatusWithoutDraft()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await PostAsync(host, "a-1", "major_outage", T0, source: "agent");

        Assert.Equal("major_outage", await StatusOfAsync(host, "site-a"));
        Assert.Empty(await DraftsAsync(host));
    }

    [Fact]
    public async Task Post_BadBody_ProblemAndNothingStored()
    {
        string[] bodies =
        [
            "{\"id\":\"x\",\"source\":\"edge\",\"component\":\"Bad Slug\",\"status\":\"major_outage\",\"occurredAt\":\"2026-11-22T10:00:00Z\"}",
            "{\"id\":\"x\",\"source\":\"edge\",\"component\":\"a\",\"status\":\"down\",\"occurredAt\":\"2026-11-22T10:00:00Z\"}",
            "{\"id\":\"x\",\"source\":\"robot\",\"component\":\"a\",\"status\":\"major_outage\",\"occurredAt\":\"2026-11-22T10:00:00Z\"}",
            "{\"id\":\"x\",\"source\":\"edge\",\"component\":\"a\",\"status\":\"major_outage\"}",
            "{\"source\":\"edge\",\"component\":\"a\",\"status\":\"major_outage\",\"occurredAt\":\"2026-11-22T10:00:00Z\"}",
            "{\"id\":\"x\",\"occurredAt\":\"yesterday\"}",
            "not json",
            "[]",
        ];
        await using var host = await StatusSiteHost.StartAsync();

        foreach (var body in bodies)
        {
            var response = await host.Ingest.PostAsync("/api/v1/ingest/events", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Empty((await host.GetJsonAsync("/api/v2/components.json"))["components"]!.AsArray());
        // The refused ids were not remembered: a valid event with the same id is applied, not a duplicate.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(host, "x", "major_outage", T0)).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutOrWrongToken_Unauthorized()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var body = JsonContent.Create(new { id = "x", source = "edge", component = "a", status = "major_outage", occurredAt = T0 });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync("/api/v1/ingest/events", body)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/events") { Content = body };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all-123");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Ingest.PutAsJsonAsync("/api/v1/components/a", new { name = "A", status = "operational" })).StatusCode);
        Assert.Empty((await host.GetJsonAsync("/api/v2/components.json"))["components"]!.AsArray());
    }

    [Fact]
    public async Task Post_EventDatedHoursAhead_IgnoredAndDoesNotFreezeTheComponent()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var skewed = await PostAsync(host, "skewed-1", "major_outage", now.AddHours(3));
        Assert.Equal(HttpStatusCode.Accepted, skewed.StatusCode);
        Assert.False((await skewed.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!.GetValue<bool>());

        await PostAsync(host, "real-1", "major_outage", now);
        Assert.Equal("major_outage", await StatusOfAsync(host, "site-a"));
        var recovered = await PostAsync(host, "real-2", "operational", now.AddSeconds(1));
        Assert.True((await recovered.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!.GetValue<bool>());
        Assert.Equal("operational", await StatusOfAsync(host, "site-a"));
    }

    private static Task<HttpResponseMessage> PostAsync(StatusSiteHost host, string id, string status, DateTimeOffset at, string source = "edge") =>
        host.Ingest.PostAsJsonAsync("/api/v1/ingest/events", new
        {
            id,
            source,
            component = "site-a",
            componentName = "Site A",
            group = "Customer sites",
            status,
            cause = "probe",
            occurredAt = at,
        });

    private static async Task<string> StatusOfAsync(StatusSiteHost host, string id) => (await ComponentAsync(host, id))!.Status;

    /// <summary>The component as staff see it (automatic ones are hidden from the public documents).</summary>
    private static async Task<StatusSite.Domain.Component?> ComponentAsync(StatusSiteHost host, string id)
    {
        var store = (StatusSite.Data.ComponentStore)host.Services.GetService(typeof(StatusSite.Data.ComponentStore))!;
        var db = (StatusSite.Data.StatusDatabase)host.Services.GetService(typeof(StatusSite.Data.StatusDatabase))!;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return await store.GetAsync(connection, null, id, CancellationToken.None);
    }

    private static async Task<List<string>> DraftsAsync(StatusSiteHost host)
    {
        var store = (StatusSite.Data.IncidentStore)host.Services.GetService(typeof(StatusSite.Data.IncidentStore))!;
        var db = (StatusSite.Data.StatusDatabase)host.Services.GetService(typeof(StatusSite.Data.StatusDatabase))!;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return (await store.ListAsync(connection, CancellationToken.None)).Where(i => i.Draft).Select(i => i.Id).ToList();
    }
}
