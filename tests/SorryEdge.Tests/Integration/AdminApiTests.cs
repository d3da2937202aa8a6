using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

public sealed class AdminApiTests : IAsyncLifetime
{
    private EdgeTestHost _edge = null!;

    public async Task InitializeAsync() => _edge = await EdgeTestHost.StartAsync();

    public Task DisposeAsync() => _edge.DisposeAsync().AsTask();

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token-at-all")]
    public async Task AnyCall_WithoutValidToken_401ProblemAndNothingChanged(string? token)
    {
        using var client = new HttpClient { BaseAddress = _edge.AdminUri };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var put = await client.PutAsJsonAsync("/api/v1/sites/x", EdgeTestHost.Site("x.test", ["http://127.0.0.1:9"]));
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.GetAsync("/api/v1/sites/x")).StatusCode);
    }

    [Fact]
    public async Task PutSite_MalformedJson_400Problem()
    {
        using var response = await _edge.Admin.PutAsync("/api/v1/sites/bad", new StringContent("{\"hostnames\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.GetAsync("/api/v1/sites/bad")).StatusCode);
    }

    [Fact]
    public async Task PutSite_InvalidFields_400NamesEachField()
    {
        var site = new { hostnames = new[] { "bad host!" }, backends = new[] { new { url = "ftp://x" } }, health = new { path = "nope", intervalMs = 1, timeoutMs = 500, rise = 0, fall = 2 } };
        using var response = await _edge.Admin.PutAsJsonAsync("/api/v1/sites/invalid", site);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("hostnames[0]", errors.Select(e => e.Key));
        Assert.Contains("backends[0].url", errors.Select(e => e.Key));
        Assert.Contains("health.path", errors.Select(e => e.Key));
        Assert.Contains("health.intervalMs", errors.Select(e => e.Key));
        Assert.Contains("health.rise", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task PutSite_UnknownEnumValue_400()
    {
        using var response = await _edge.Admin.PutAsync("/api/v1/sites/e", new StringContent(
            """{"hostnames":["e.test"],"backends":[],"mode":"panic"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mode", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutSite_HostnameOfAnotherSite_409AndBothUnchanged()
    {
        await _edge.PutSiteAsync("first", EdgeTestHost.Site("shared.test", ["http://127.0.0.1:9"]));
        using var response = await _edge.Admin.PutAsJsonAsync("/api/v1/sites/second", EdgeTestHost.Site("shared.test", ["http://127.0.0.1:9"]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.GetAsync("/api/v1/sites/second")).StatusCode);
        Assert.Equal("shared.test", (string?)(await _edge.GetSiteAsync("first"))["hostnames"]![0]);
    }

    [Fact]
    public async Task PutSite_NewThenReplace_201Then200WithState()
    {
        using var created = await _edge.Admin.PutAsJsonAsync("/api/v1/sites/cycle", EdgeTestHost.Site("cycle.test", ["http://127.0.0.1:9"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var replaced = await _edge.Admin.PutAsJsonAsync("/api/v1/sites/cycle", EdgeTestHost.Site("cycle2.test", ["http://127.0.0.1:9"]));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var site = JsonNode.Parse(await replaced.Content.ReadAsStringAsync())!;
        Assert.Equal("cycle2.test", (string?)site["hostnames"]![0]);
        Assert.NotNull(site["state"]!["destinations"]);
        Assert.Equal(2, (int)site["version"]!);
    }

    [Fact]
    public async Task DeleteSite_Existing_GoneFromApiAndDataPlane()
    {
        await _edge.PutSiteAsync("gone", EdgeTestHost.Site("gone.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _edge.Client("gone.test").GetAsync("/")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _edge.Admin.DeleteAsync("/api/v1/sites/gone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.GetAsync("/api/v1/sites/gone")).StatusCode);
        await Poll.UntilAsync(async () => (await _edge.Client("gone.test").GetAsync("/")).StatusCode, s => s == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(5), "the host to stop being served");
        Assert.Equal(HttpStatusCode.NotFound, (await _edge.Admin.DeleteAsync("/api/v1/sites/gone")).StatusCode);
    }

    [Fact]
    public async Task SetMode_UntilInThePast_400AndModeUnchanged()
    {
        await _edge.PutSiteAsync("past", EdgeTestHost.Site("past.test", ["http://127.0.0.1:9"]));
        using var response = await _edge.Admin.PutAsJsonAsync("/api/v1/sites/past/mode", new { mode = "maintenance", until = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("auto", (string?)(await _edge.GetSiteAsync("past"))["mode"]);
    }

    [Fact]
    public async Task Listeners_AdminApiNotOnDataPlane_SitesNotOnAdmin()
    {
        await _edge.PutSiteAsync("local", EdgeTestHost.Site("127.0.0.1", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        using var data = new HttpClient { BaseAddress = new Uri($"http://localhost:{_edge.DataUri.Port}") };
        data.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EdgeTestHost.Token);
        using var onData = await data.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.NotFound, onData.StatusCode);

        // The admin listener's Host is 127.0.0.1 too, yet it answers the API, not the site.
        using var onAdmin = await _edge.Admin.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, onAdmin.StatusCode);
        using var page = await _edge.Admin.GetAsync("/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterSorryAnswers_CountedPerSiteAndAction()
    {
        await _edge.PutSiteAsync("counted", EdgeTestHost.Site("counted.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        await _edge.Client("counted.test").GetAsync("/");
        var metrics = await _edge.Admin.GetStringAsync("/metrics");
        Assert.Contains("sorryedge_responses_total{site=\"counted\",action=\"sorry\"", metrics);
        Assert.Contains("sorryedge_events_total", metrics);
        Assert.Equal(HttpStatusCode.NotFound, (await new HttpClient { BaseAddress = _edge.DataUri }.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _edge.AdminAs(null).GetAsync("/metrics")).StatusCode);
        await _edge.CreateCustomerAsync("metrics-reader");
        var customer = await _edge.IssueTokenAsync("metrics-reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await _edge.AdminAs(customer.Token).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_ScrapedUnderTraffic_OnlyTheEdgesOwnAndProcessFamilies()
    {
        // prometheus-net's meter and event-counter adapters start at the first scrape and then make
        // every request record into ASP.NET Core's and HttpClient's histograms (issue 13): they stay off.
        await _edge.PutSiteAsync("scraped", EdgeTestHost.Site("scraped.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        await _edge.Admin.GetStringAsync("/metrics");
        for (var i = 0; i < 5; i++)
        {
            await _edge.Client("scraped.test").GetAsync("/");
            await _edge.Admin.GetAsync("/api/v1/sites/scraped");
        }

        var families = (await _edge.Admin.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2])
            .ToList();
        Assert.Contains("sorryedge_responses_total", families);
        Assert.Contains("process_cpu_seconds_total", families);
        Assert.All(families, name => Assert.Matches("^(sorryedge_|process_|dotnet_)", name));
    }

    [Fact]
    public async Task PutSite_NullLists_400NotACrash()
    {
        using var response = await _edge.Admin.PutAsync("/api/v1/sites/nulls", new StringContent(
            """{"hostnames":null,"backends":null,"health":null,"bypass":null,"schedules":null}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hostnames", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteSite_RecreatedByAnotherCustomer_SeesNoneOfTheOldHistory()
    {
        await _edge.CreateCustomerAsync("first-owner");
        await _edge.CreateCustomerAsync("second-owner");
        var firstToken = await _edge.IssueTokenAsync("first-owner");
        var first = _edge.AdminAs(firstToken.Token);
        var second = _edge.AdminAs((await _edge.IssueTokenAsync("second-owner")).Token);
        await _edge.PutSiteAsync("handed-on", EdgeTestHost.Site("handed-on.test", ["http://127.0.0.1:9"], s => s["customer"] = "first-owner"));
        using (var secret = await first.PutAsJsonAsync("/api/v1/sites/handed-on/mode", new { mode = "maintenance" }))
        {
            Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _edge.Admin.DeleteAsync("/api/v1/sites/handed-on")).StatusCode);
        // The old owner's automation keeps calling into the gap.
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync("/api/v1/sites/handed-on/events")).StatusCode);
        await _edge.PutSiteAsync("handed-on", EdgeTestHost.Site("handed-on.test", ["http://127.0.0.1:9"], s => s["customer"] = "second-owner"));
        using (var own = await second.PutAsJsonAsync("/api/v1/sites/handed-on/mode", new { mode = "auto" }))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        var events = JsonNode.Parse(await second.GetStringAsync("/api/v1/sites/handed-on/events"))!.AsArray();
        var audit = JsonNode.Parse(await second.GetStringAsync("/api/v1/sites/handed-on/audit"))!.AsArray();

        Assert.DoesNotContain(events, e => (string?)e!["kind"] is "site.deleted" || (string?)e!["to"] == "maintenance");
        Assert.Contains(events, e => (string?)e!["kind"] == "site.created");
        Assert.DoesNotContain(audit, a => (string?)a!["method"] == "DELETE");
        Assert.DoesNotContain(audit, a => (string?)a!["tokenId"] == firstToken.Id);
        Assert.Single(audit, a => ((string?)a!["path"])!.EndsWith("/mode", StringComparison.Ordinal));
        // Staff keep the whole record.
        var staffAudit = JsonNode.Parse(await _edge.Admin.GetStringAsync("/api/v1/audit?site=handed-on"))!.AsArray();
        Assert.Contains(staffAudit, a => (string?)a!["method"] == "DELETE");
    }

    [Fact]
    public async Task DeleteSite_RecreatedUnderSameId_InheritsNoPages()
    {
        await _edge.PutSiteAsync("reborn", EdgeTestHost.Site("reborn.test", ["http://127.0.0.1:9"]));
        using var upload = await _edge.Admin.PutAsync("/api/v1/sites/reborn/sorry-page", new StringContent("<html>first owner</html>", Encoding.UTF8, "text/html"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _edge.Admin.DeleteAsync("/api/v1/sites/reborn")).StatusCode);

        await _edge.PutSiteAsync("reborn", EdgeTestHost.Site("reborn.test", ["http://127.0.0.1:9"], s => s["mode"] = "maintenance"));
        Assert.Equal("[]", await _edge.Admin.GetStringAsync("/api/v1/sites/reborn/sorry-page/versions"));
        Assert.DoesNotContain("first owner", await (await _edge.Client("reborn.test").GetAsync("/")).Content.ReadAsStringAsync());
    }
}
