using System.Net;
using System.Net.Http.Json;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Public;

public sealed class PublicSiteTests
{
    [Fact]
    public async Task Get_WithMatchingETag_NotModifiedUntilNextChange()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var first = await host.Client.GetAsync("/");
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(10), first.Headers.CacheControl.MaxAge);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(conditional)).StatusCode);

        await host.PutComponentAsync("api", "API");
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/");
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await host.Client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Get_ManyRequests_ServedFromMemoryWithoutDatabase()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("api", "API");
        // Removing the database proves reads do not touch SQLite. The whole directory goes, not the files in it: the
        // site's background workers (the notice dispatcher the change above just woke, the maintenance scheduler) open
        // status.db on their own schedule, and one doing so while only the files were away would create an empty
        // database in their place and make moving them back fail. Without the directory SQLite cannot create anything
        // there (such a worker pass fails and is retried), while a read that touched SQLite would still fail.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var away = host.DataDirectory + ".away";
        Directory.Move(host.DataDirectory, away);
        string[] bodies;
        try
        {
            bodies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.GetStringAsync("/api/v2/components.json")));
        }
        finally
        {
            Directory.Move(away, host.DataDirectory);
        }

        Assert.All(bodies, b => Assert.Contains("\"api\"", b));
    }

    [Fact]
    public async Task IncidentPermalink_ShowsUpdatesNewestFirst()
    {
        await using var host = await StatusSiteHost.StartAsync();
        var id = await host.CreateIncidentAsync("Broken login", "First **finding**.");
        (await host.Staff.PostAsJsonAsync($"/api/v1/incidents/{id}/updates", new { status = "identified", body = "Second finding." })).EnsureSuccessStatusCode();

        var html = await host.Client.GetStringAsync($"/incidents/{id}");

        Assert.Contains("Broken login", html);
        Assert.True(html.IndexOf("Second finding.", StringComparison.Ordinal) < html.IndexOf("<strong>finding</strong>", StringComparison.Ordinal));
        Assert.Contains("Identified", html);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/incidents/doesnotexist")).StatusCode);
    }

    [Fact]
    public async Task StaffApi_BadRequests_ProblemAndNothingChanged()
    {
        await using var host = await StatusSiteHost.StartAsync();

        var badStatus = await host.Staff.PutAsJsonAsync("/api/v1/components/api", new { name = "API", status = "broken" });
        var badId = await host.Staff.PutAsJsonAsync("/api/v1/components/Not%20A%20Slug", new { name = "API", status = "operational" });
        var unknownComponent = await host.Staff.PostAsJsonAsync("/api/v1/incidents",
            new { name = "x", status = "investigating", impact = "minor", body = "b", components = new Dictionary<string, string> { ["nope"] = "major_outage" } });
        var badImpact = await host.Staff.PostAsJsonAsync("/api/v1/incidents", new { name = "x", status = "investigating", impact = "huge", body = "b" });
        var backwards = await host.Staff.PostAsJsonAsync("/api/v1/maintenances",
            new { name = "m", scheduledFor = DateTimeOffset.UtcNow.AddHours(2), scheduledUntil = DateTimeOffset.UtcNow.AddHours(1), body = "b" });
        var anonymous = await host.Client.PostAsJsonAsync("/api/v1/incidents", new { name = "x", status = "investigating", impact = "minor", body = "b" });

        foreach (var r in new[] { badStatus, badId, unknownComponent, badImpact, backwards })
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty((await host.GetJsonAsync("/api/v2/incidents.json"))["incidents"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("/api/v2/components.json"))["components"]!.AsArray());
        Assert.Empty((await host.GetJsonAsync("/api/v2/scheduled-maintenances.json"))["scheduled_maintenances"]!.AsArray());
    }

    [Fact]
    public async Task Login_TooManyAttempts_RateLimited()
    {
        await using var host = await StatusSiteHost.StartAsync(null, "--Status:Admin:LoginAttemptsPerMinute=3");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "x" });
            codes.Add((await host.Client.PostAsync("/login", content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.DoesNotContain(HttpStatusCode.OK, codes);
    }

    [Fact]
    public async Task Console_WithoutLogin_RedirectsToLogin()
    {
        await using var host = await StatusSiteHost.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseAddress) };

        var response = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains("name=\"__af\"", await client.GetStringAsync("/login"));
    }

    [Fact]
    public async Task LoginAndConsole_Pages_SendNosniffAndContentSecurityPolicy()
    {
        await using var host = await StatusSiteHost.StartAsync(null, StatusSiteHost.WithUser);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(host.BaseAddress) };

        using var login = await client.GetAsync("/login");
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", login.Headers.GetValues("Content-Security-Policy").Single());

        var form = await login.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__af\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token),
            ["username"] = StatusSiteHost.User,
            ["password"] = StatusSiteHost.Password,
        });
        using var signedIn = await client.PostAsync("/login", content);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var console = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Equal("nosniff", console.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'nonce-", console.Headers.GetValues("Content-Security-Policy").Single());
    }
}
