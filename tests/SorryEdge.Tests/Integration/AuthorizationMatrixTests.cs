using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>
/// Every admin endpoint against every kind of caller: staff, the owning customer, another
/// customer, a revoked token and no token — each with the expected status, and every refused
/// call proven to have changed nothing.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const int Staff = 0, Own = 1, Other = 2, Revoked = 3, None = 4;
    private static readonly string[] Who = ["staff", "own customer", "other customer", "revoked token", "no token"];

    private EdgeTestHost _edge = null!;
    private readonly string?[] _tokens = new string?[5];
    private int _sites;

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync();
        await _edge.CreateCustomerAsync("acme");
        await _edge.CreateCustomerAsync("globex");
        _tokens[Staff] = EdgeTestHost.Token;
        _tokens[Own] = (await _edge.IssueTokenAsync("acme")).Token;
        _tokens[Other] = (await _edge.IssueTokenAsync("globex")).Token;
        var revoked = await _edge.IssueTokenAsync("acme");
        Assert.Equal(HttpStatusCode.NoContent, (await _edge.Admin.DeleteAsync($"/api/v1/tokens/{revoked.Id}")).StatusCode);
        _tokens[Revoked] = revoked.Token;
        _tokens[None] = null;
    }

    public Task DisposeAsync() => _edge.DisposeAsync().AsTask();

    public static TheoryData<string, string, string, int[]> Endpoints => new()
    {
        // method, path ({site} = a fresh site of customer acme; {token} = a fresh acme token), body kind, expected: staff, own, other, revoked, none
        { "GET", "/api/v1/sites", "", [200, 200, 200, 401, 401] },
        { "GET", "/api/v1/sites/{site}", "", [200, 200, 404, 401, 401] },
        { "PUT", "/api/v1/sites/{site}", "site", [200, 403, 404, 401, 401] },
        { "DELETE", "/api/v1/sites/{site}", "", [204, 403, 404, 401, 401] },
        { "PUT", "/api/v1/sites/{site}/mode", "mode", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/sites/{site}/resume", "", [200, 200, 404, 401, 401] },
        { "GET", "/api/v1/sites/{site}/events", "", [200, 200, 404, 401, 401] },
        { "GET", "/api/v1/sites/{site}/audit", "", [200, 200, 404, 401, 401] },
        { "GET", "/api/v1/sites/{site}/schedules", "", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/sites/{site}/schedules", "schedule", [201, 201, 404, 401, 401] },
        { "DELETE", "/api/v1/sites/{site}/schedules/w-fixed", "", [204, 204, 404, 401, 401] },
        { "PUT", "/api/v1/sites/{site}/bypass", "bypass", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/sites/{site}/bypass/rotate", "", [200, 200, 404, 401, 401] },
        { "PUT", "/api/v1/sites/{site}/sorry-page", "html", [201, 201, 404, 401, 401] },
        { "DELETE", "/api/v1/sites/{site}/sorry-page", "", [204, 204, 404, 401, 401] },
        { "GET", "/api/v1/sites/{site}/sorry-page/versions", "", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/sites/{site}/sorry-page/versions/1/activate", "", [200, 200, 404, 401, 401] },
        { "DELETE", "/api/v1/sites/{site}/sorry-page/versions/1", "", [204, 204, 404, 401, 401] },
        { "POST", "/api/v1/sites/{site}/sorry-page/rollback", "", [200, 200, 404, 401, 401] },
        { "GET", "/api/v1/sites/{site}/sorry-page/versions/1/preview/", "", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/customers", "customer", [201, 403, 403, 401, 401] },
        { "GET", "/api/v1/customers", "", [200, 200, 200, 401, 401] },
        { "GET", "/api/v1/customers/acme", "", [200, 200, 404, 401, 401] },
        { "POST", "/api/v1/customers/acme/tokens", "name", [201, 403, 403, 401, 401] },
        { "POST", "/api/v1/tokens", "name", [201, 403, 403, 401, 401] },
        { "GET", "/api/v1/tokens", "", [200, 200, 200, 401, 401] },
        { "DELETE", "/api/v1/tokens/{token}", "", [204, 204, 404, 401, 401] },
        { "GET", "/api/v1/audit", "", [200, 403, 403, 401, 401] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_EachKindOfCaller_ExpectedStatusAndRefusedChangesNothing(string method, string template, string body, int[] expected)
    {
        for (var who = None; who >= Staff; who--)
        {
            var site = await FreshSiteAsync();
            var token = await _edge.IssueTokenAsync("acme");
            var path = template.Replace("{site}", site).Replace("{token}", token.Id);
            var before = await FingerprintAsync(site);

            using var client = _edge.AdminAs(_tokens[who]);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(body, site) };
            using var response = await client.SendAsync(request);

            Assert.True(expected[who] == (int)response.StatusCode,
                $"{method} {template} as {Who[who]}: expected {expected[who]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if ((int)response.StatusCode >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, await FingerprintAsync(site));
            }
        }
    }

    [Fact]
    public async Task ListSites_CustomerToken_OnlyOwnSites()
    {
        var mine = await FreshSiteAsync();
        await _edge.PutSiteAsync("globex-only", EdgeTestHost.Site("globex-only.test", ["http://127.0.0.1:9"], s => s["customer"] = "globex"));
        var listed = JsonNode.Parse(await _edge.AdminAs(_tokens[Other]).GetStringAsync("/api/v1/sites"))!.AsArray().Select(s => (string?)s!["id"]).ToList();

        Assert.Contains("globex-only", listed);
        Assert.DoesNotContain(mine, listed);
    }

    [Fact]
    public async Task Audit_CallsAreRecordedWithTokenId()
    {
        var site = await FreshSiteAsync();
        var token = await _edge.IssueTokenAsync("acme");
        await _edge.AdminAs(token.Token).PutAsJsonAsync($"/api/v1/sites/{site}/mode", new { mode = "maintenance" });
        await _edge.AdminAs(_tokens[Other]).PutAsJsonAsync($"/api/v1/sites/{site}/mode", new { mode = "auto" });

        var audit = JsonNode.Parse(await _edge.Admin.GetStringAsync($"/api/v1/audit?site={site}"))!.AsArray();
        Assert.Contains(audit, a => (string?)a!["tokenId"] == token.Id && (string?)a["method"] == "PUT" && (int)a["status"]! == 200);
        Assert.Contains(audit, a => (string?)a!["method"] == "PUT" && (int)a["status"]! == 404);
        Assert.DoesNotContain(token.Token, audit.ToJsonString());
    }

    private async Task<string> FreshSiteAsync()
    {
        var id = $"m{Interlocked.Increment(ref _sites)}";
        var start = DateTimeOffset.UtcNow.AddDays(1);
        await _edge.PutSiteAsync(id, EdgeTestHost.Site($"{id}.test", ["http://127.0.0.1:9"], s =>
        {
            s["customer"] = "acme";
            // Hundreds of sites in one edge: probe rarely so the machine stays quiet.
            s["health"] = new { path = "/", intervalMs = 60000, timeoutMs = 500, rise = 2, fall = 2 };
            s["schedules"] = new[] { new { id = "w-fixed", start, end = start.AddHours(1), mode = "maintenance" } };
        }));
        foreach (var activate in new[] { "false", "true" })
        {
            using var upload = await _edge.Admin.PutAsync($"/api/v1/sites/{id}/sorry-page?activate={activate}", new StringContent("<html>v</html>", Encoding.UTF8, "text/html"));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        return id;
    }

    private async Task<string> FingerprintAsync(string site)
    {
        var node = (await _edge.Admin.GetAsync($"/api/v1/sites/{site}")).StatusCode == HttpStatusCode.OK ? await _edge.GetSiteAsync(site) : null;
        node?.Remove("state");
        var versions = await _edge.Admin.GetStringAsync($"/api/v1/sites/{site}/sorry-page/versions");
        var customers = await _edge.Admin.GetStringAsync("/api/v1/customers");
        var tokens = await _edge.Admin.GetStringAsync("/api/v1/tokens");
        return string.Join("\n", node?.ToJsonString() ?? "(no site)", versions, customers, tokens);
    }

    private static HttpContent? Body(string kind, string site) => kind switch
    {
        "site" => JsonContent.Create(EdgeTestHost.Site($"{site}.test", ["http://127.0.0.1:9"], s => { s["customer"] = "acme"; s["message"] = "changed"; })),
        "mode" => JsonContent.Create(new { mode = "maintenance" }),
        "schedule" => JsonContent.Create(new { start = DateTimeOffset.UtcNow.AddDays(2), end = DateTimeOffset.UtcNow.AddDays(2).AddHours(1), mode = "maintenance" }),
        "bypass" => JsonContent.Create(new { cidrs = new[] { "192.0.2.0/24" } }),
        "html" => new StringContent("<html>new</html>", Encoding.UTF8, "text/html"),
        "customer" => JsonContent.Create(new { id = "new-" + Guid.NewGuid().ToString("N")[..8], name = "New" }),
        "name" => JsonContent.Create(new { name = "n" }),
        _ => null,
    };
}
