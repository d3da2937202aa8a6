using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Portal;

public sealed class PortalHttpTests : IAsyncLifetime
{
    private EdgeTestHost _edge = null!;
    private string _acmeToken = null!;
    private string _acmeTokenId = null!;
    private string _otherToken = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync();
        (_acmeToken, _acmeTokenId) = await PortalSession.CustomerTokenAsync(_edge, "acme");
        (_otherToken, _) = await PortalSession.CustomerTokenAsync(_edge, "other");
        await _edge.PutSiteAsync("acme-shop", EdgeTestHost.Site("acme.test", ["http://127.0.0.1:9"], s => { s["customer"] = "acme"; s["name"] = "Acme Shop"; }));
        await _edge.PutSiteAsync("other-blog", EdgeTestHost.Site("other.test", ["http://127.0.0.1:9"], s => { s["customer"] = "other"; s["name"] = "Other Blog"; }));
    }

    public Task DisposeAsync() => _edge.DisposeAsync().AsTask();

    [Fact]
    public async Task Login_CustomerToken_HttpOnlyStrictCookieAndOnlyOwnSitesListed()
    {
        using var session = new PortalSession(_edge);
        using var login = await session.LoginAsync(_acmeToken);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SorryEdge.Portal=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain http admin listener and no https public URL: a Secure cookie would never come back.
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_acmeToken, cookie, StringComparison.Ordinal);
        using var home = await session.GetAsync("/portal");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Acme Shop", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Blog", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_HttpsPublicUrl_SessionAndAntiforgeryCookiesSecure()
    {
        // Behind a TLS proxy the admin listener itself is plain http; the configured public URL says https.
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Admin:PublicUrl"] = "https://admin.example" });
        var (token, _) = await PortalSession.CustomerTokenAsync(edge, "secure-co");
        // Cookies by hand: a client keeps Secure cookies away from http, which is the point.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = edge.AdminUri };
        using var page = await client.GetAsync("/portal/login");
        Assert.True(page.Headers.TryGetValues("Set-Cookie", out var pageCookies), $"the login page set no cookie: {(int)page.StatusCode} {page.Headers}");
        var antiforgery = Assert.Single(pageCookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var field = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        Assert.True(field.Success, "no antiforgery field on the login page");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/portal/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value) }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var login = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var session = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SorryEdge.Portal=", StringComparison.Ordinal));
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_WrongToken_401AndNoSession()
    {
        using var session = new PortalSession(_edge);
        using var login = await session.LoginAsync("se_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("not valid", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var home = await session.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/portal/login", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Portal_BearerTokenWithoutCookie_RedirectsToLogin()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _edge.AdminUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EdgeTestHost.Token);
        using var response = await client.GetAsync("/portal/sites/acme-shop");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_EndsSession()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();
        using var logout = await session.PostFormAsync("/portal", "/portal/logout", []);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var home = await session.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/portal/login", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_TokenRevoked_NextRequestEndsSession()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/portal/sites/acme-shop")).StatusCode);

        using var revoke = await _edge.Admin.DeleteAsync($"/api/v1/tokens/{_acmeTokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var after = await session.GetAsync("/portal/sites/acme-shop");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/portal/login?ended=1", after.Headers.Location!.OriginalString);
        using var again = await session.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task PostForm_WithoutAntiforgeryToken_400AndNothingChanged()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();

        using var refused = await session.PostFormAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/mode", new() { ["mode"] = "maintenance" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("auto", (string?)(await _edge.GetSiteAsync("acme-shop"))["mode"]);

        using var accepted = await session.PostFormAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/mode", new() { ["mode"] = "maintenance" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("maintenance", (string?)(await _edge.GetSiteAsync("acme-shop"))["mode"]);
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_400AndNoSession()
    {
        using var session = new PortalSession(_edge);
        using var login = await session.PostFormAsync("/portal/login", "/portal/login", new() { ["token"] = _acmeToken }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/portal")).StatusCode);
    }

    [Theory]
    [InlineData("/portal/sites/acme-shop")]
    [InlineData("/portal/sites/acme-shop/pages/1/preview/")]
    [InlineData("/portal/sites/no-such-site")]
    [InlineData("/portal/customers")]
    public async Task Get_NotTheCustomers_404(string path)
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_otherToken)).Dispose();
        using var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostMode_AnotherCustomersSite_404AndNothingChanged()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_otherToken)).Dispose();
        using var response = await session.PostFormAsync("/portal", "/portal/sites/acme-shop/mode", new() { ["mode"] = "maintenance" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("auto", (string?)(await _edge.GetSiteAsync("acme-shop"))["mode"]);
    }

    [Fact]
    public async Task PostMode_EndTimeInThePast_400AndNothingChanged()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();
        using var response = await session.PostFormAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/mode",
            new() { ["mode"] = "maintenance", ["until"] = "2001-01-01T00:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be in the future", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("auto", (string?)(await _edge.GetSiteAsync("acme-shop"))["mode"]);
    }

    [Fact]
    public async Task Staff_IssuesTokenOnPortal_TokenShownOnceAndLogsIn()
    {
        using var staff = new PortalSession(_edge);
        (await staff.LoginAsync(EdgeTestHost.Token)).Dispose();
        using var issued = await staff.PostFormAsync("/portal/customers", "/portal/customers/acme/tokens", new() { ["name"] = "laptop" });
        var html = await issued.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "id=\"issued-token\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("se_", token, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await (await staff.GetAsync("/portal/customers")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var customer = new PortalSession(_edge);
        Assert.Equal(HttpStatusCode.Redirect, (await customer.LoginAsync(token)).StatusCode);
        Assert.Contains("Acme Shop", await (await customer.GetAsync("/portal")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Html_StoredNotActivatedAndPreviewSandboxed()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();
        using var upload = await session.UploadAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/pages", "sorry.html",
            Encoding.UTF8.GetBytes("<!doctype html><html><head><meta charset=\"utf-8\"><title>x</title></head><body><h1>Portal upload</h1></body></html>"));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal("/portal/sites/acme-shop?review=1#review", upload.Headers.Location!.OriginalString);
        var versions = JsonNode.Parse(await _edge.Admin.GetStringAsync("/api/v1/sites/acme-shop/sorry-page/versions"))!.AsArray();
        Assert.False((bool)Assert.Single(versions)!["active"]!);

        using var preview = await session.GetAsync("/portal/sites/acme-shop/pages/1/preview/");
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _edge.AdminUri };
        using var served = await anonymous.GetAsync(preview.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("Portal upload", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var forged = await anonymous.GetAsync("/portal/preview/not-a-ticket/");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Upload_ZipWithoutIndex_400WithReasonAndNothingStored()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("style.css").Open();
            entry.Write("body{}"u8);
        }

        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_acmeToken)).Dispose();
        using var upload = await session.UploadAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/pages", "page.zip", buffer.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("Nothing was changed", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await _edge.Admin.GetStringAsync("/api/v1/sites/acme-shop/sorry-page/versions"))!.AsArray());
    }

    [Fact]
    public async Task Portal_OnDataPlane_NotServed()
    {
        using var client = _edge.Client("acme.test");
        using var response = await client.GetAsync("/portal/login");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("API token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
