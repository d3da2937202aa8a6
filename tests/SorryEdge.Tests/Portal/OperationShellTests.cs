using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Portal;

/// <summary>
/// Each operation through both shells: the same bad input to the admin API and to the portal's
/// form gets the same status and the same words, and changes nothing. The two shells call one
/// operation; a rule written twice would drift and fail here.
/// </summary>
public sealed class OperationShellTests : IAsyncLifetime
{
    private const string Site = "/api/v1/sites/acme-shop";
    private const string Page = "/portal/sites/acme-shop";
    private EdgeTestHost _edge = null!;
    private HttpClient _acmeApi = null!;
    private PortalSession _acme = null!;
    private PortalSession _staff = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync();
        var (token, _) = await PortalSession.CustomerTokenAsync(_edge, "acme");
        await PortalSession.CustomerTokenAsync(_edge, "other");
        await _edge.PutSiteAsync("acme-shop", EdgeTestHost.Site("acme.test", ["http://127.0.0.1:9"], s => { s["customer"] = "acme"; s["name"] = "Acme Shop"; }));
        await _edge.PutSiteAsync("other-blog", EdgeTestHost.Site("other.test", ["http://127.0.0.1:9"], s => s["customer"] = "other"));
        _acmeApi = _edge.AdminAs(token);
        _acme = new PortalSession(_edge);
        (await _acme.LoginAsync(token)).Dispose();
        _staff = new PortalSession(_edge);
        (await _staff.LoginAsync(EdgeTestHost.Token)).Dispose();
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        _staff.Dispose();
        _acmeApi.Dispose();
        await _edge.DisposeAsync();
    }

    [Fact]
    public async Task SetMode_EndInThePast_400MustBeInTheFutureInBoth()
    {
        var before = await SiteJsonAsync();
        using var api = await _acmeApi.PutAsJsonAsync(Site + "/mode", new { mode = "maintenance", until = "2001-01-01T00:00:00Z" });
        using var portal = await _acme.PostFormAsync(Page, Page + "/mode", new() { ["mode"] = "maintenance", ["until"] = "2001-01-01T00:00" });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "must be in the future");
        Assert.Equal(before, await SiteJsonAsync());
    }

    [Fact]
    public async Task SetMode_RedirectWithoutTarget_400NoRedirectSettingsInBoth()
    {
        using var api = await _acmeApi.PutAsJsonAsync(Site + "/mode", new { mode = "redirect" });
        using var portal = await _acme.PostFormAsync(Page, Page + "/mode", new() { ["mode"] = "redirect" });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "the site has no redirect settings");
        Assert.Equal("auto", (string?)(await _edge.GetSiteAsync("acme-shop"))["mode"]);
    }

    [Fact]
    public async Task AddWindow_EndBeforeStart_400MustBeAfterStartInBoth()
    {
        var start = DateTimeOffset.UtcNow.AddDays(2);
        using var api = await _acmeApi.PostAsJsonAsync(Site + "/schedules", new { start, end = start.AddHours(-1), mode = "maintenance" });
        using var portal = await _acme.PostFormAsync(Page, Page + "/schedules", new()
        {
            ["start"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm"),
            ["end"] = start.AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm"),
            ["mode"] = "maintenance",
        });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "must be after start");
        Assert.Empty((await _edge.GetSiteAsync("acme-shop"))["schedules"]!.AsArray());
    }

    [Fact]
    public async Task AddWindow_ModeAuto_400InBoth()
    {
        var start = DateTimeOffset.UtcNow.AddDays(2);
        using var api = await _acmeApi.PostAsJsonAsync(Site + "/schedules", new { start, end = start.AddHours(1), mode = "auto" });
        using var portal = await _acme.PostFormAsync(Page, Page + "/schedules", new()
        {
            ["start"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm"),
            ["end"] = start.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm"),
            ["mode"] = "auto",
        });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "must be 'maintenance' or 'redirect'");
        Assert.Empty((await _edge.GetSiteAsync("acme-shop"))["schedules"]!.AsArray());
    }

    [Fact]
    public async Task CancelWindow_UnknownWindow_404InBoth()
    {
        using var api = await _acmeApi.DeleteAsync(Site + "/schedules/w-00000000");
        using var portal = await _acme.PostFormAsync(Page, Page + "/schedules/w-00000000/cancel", new());

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Resume_AnotherCustomersSite_404AsIfAbsentInBoth()
    {
        using var api = await _acmeApi.PostAsync("/api/v1/sites/other-blog/resume", null);
        using var portal = await _acme.PostFormAsync(Page, "/portal/sites/other-blog/resume", new());

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task SetBypass_NotACidr_400InBothAndNetworksUnchanged()
    {
        using var api = await _acmeApi.PutAsJsonAsync(Site + "/bypass", new { cidrs = new[] { "203.0.113.0/24", "office" } });
        using var portal = await _acme.PostFormAsync(Page, Page + "/bypass", new() { ["cidrs"] = "203.0.113.0/24\noffice" });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "'office' is not a CIDR such as 203.0.113.0/24");
        Assert.Empty((await _edge.GetSiteAsync("acme-shop"))["bypass"]!["cidrs"]!.AsArray());
    }

    [Fact]
    public async Task SetBypass_GoodNetworks_SameStoredResultFromBoth()
    {
        using var portal = await _acme.PostFormAsync(Page, Page + "/bypass", new() { ["cidrs"] = "198.51.100.0/24" });
        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        var fromPortal = (await _edge.GetSiteAsync("acme-shop"))["bypass"]!["cidrs"]!.ToJsonString();
        using var api = await _acmeApi.PutAsJsonAsync(Site + "/bypass", new { cidrs = new[] { "198.51.100.0/24" } });

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("[\"198.51.100.0/24\"]", fromPortal);
        Assert.Equal(fromPortal, (await _edge.GetSiteAsync("acme-shop"))["bypass"]!["cidrs"]!.ToJsonString());
    }

    [Fact]
    public async Task RotateBypass_AnotherCustomersSite_404InBoth()
    {
        using var api = await _acmeApi.PostAsync("/api/v1/sites/other-blog/bypass/rotate", null);
        using var portal = await _acme.PostFormAsync(Page, "/portal/sites/other-blog/bypass/rotate", new());

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task RotateBypass_Portal_LinkShownOnceAndItWorks()
    {
        using var portal = await _acme.PostFormAsync(Page, Page + "/bypass/rotate", new());
        var html = WebUtility.HtmlDecode(await portal.Content.ReadAsStringAsync());
        var link = System.Text.RegularExpressions.Regex.Match(html, "id=\"bypass-link\">(http://acme\\.test/\\.sorry/bypass/[A-Za-z0-9_-]+)<").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        Assert.NotEmpty(link);
        Assert.DoesNotContain(link, await (await _acme.GetAsync(Page)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var data = _edge.Client("acme.test", new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var bypass = await data.GetAsync(new Uri(link).PathAndQuery);
        Assert.Contains(bypass.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sorryedge_bypass", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SmtpMode_SiteWithoutSmtpFront_409InBoth()
    {
        using var api = await _acmeApi.PutAsJsonAsync(Site + "/smtp-mode", new { mode = "tempfail" });
        using var portal = await _acme.PostFormAsync(Page, Page + "/smtp-mode", new() { ["mode"] = "tempfail" });

        await AssertSameAsync(api, portal, HttpStatusCode.Conflict, "The site has no SMTP front");
    }

    [Fact]
    public async Task SmtpDomains_CustomerOnOwnSite_403StaffOnlyInBothAndDomainsUnchanged()
    {
        await _edge.PutSiteAsync("acme-mail", EdgeTestHost.Site("mail.acme.test", ["http://127.0.0.1:9"], s =>
        {
            s["customer"] = "acme";
            s["smtp"] = new { domains = new[] { "acme.test" }, mode = "tempfail", backend = "127.0.0.1:9" };
        }));
        using var api = await _acmeApi.PutAsJsonAsync("/api/v1/sites/acme-mail/smtp-domains", new { domains = new[] { "bank.test" } });
        using var portal = await _acme.PostFormAsync("/portal/sites/acme-mail", "/portal/sites/acme-mail/smtp-domains", new() { ["domains"] = "bank.test" });

        await AssertSameAsync(api, portal, HttpStatusCode.Forbidden, "Only staff change a site's SMTP domains");
        Assert.Equal("[\"acme.test\"]", (await _edge.GetSiteAsync("acme-mail"))["smtp"]!["domains"]!.ToJsonString());
    }

    [Fact]
    public async Task StorePage_ZipWithoutIndex_400SameReasonInBoth()
    {
        var zip = ZipWith("style.css", "body{}");
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new("application/zip");
        using var api = await _acmeApi.PutAsync(Site + "/sorry-page", content);
        using var portal = await _acme.UploadAsync(Page, Page + "/pages", "page.zip", zip);

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "The upload has no index.html");
        Assert.Empty(JsonNode.Parse(await _edge.Admin.GetStringAsync(Site + "/sorry-page/versions"))!.AsArray());
    }

    [Fact]
    public async Task StorePage_UnsupportedType_415InBoth()
    {
        var bytes = "%PDF-1.4"u8.ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/pdf");
        using var api = await _acmeApi.PutAsync(Site + "/sorry-page", content);
        using var portal = await _acme.UploadAsync(Page, Page + "/pages", "page.pdf", bytes);

        await AssertSameAsync(api, portal, HttpStatusCode.UnsupportedMediaType, "Unsupported upload type");
    }

    [Fact]
    public async Task ActivatePage_UnknownVersion_404InBoth()
    {
        using var api = await _acmeApi.PostAsync(Site + "/sorry-page/versions/7/activate", null);
        using var portal = await _acme.PostFormAsync(Page, Page + "/pages/7/activate", new());

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task RollbackPage_NoEarlierVersion_409InBoth()
    {
        using var api = await _acmeApi.PostAsync(Site + "/sorry-page/rollback", null);
        using var portal = await _acme.PostFormAsync(Page, Page + "/pages/rollback", new());

        await AssertSameAsync(api, portal, HttpStatusCode.Conflict, "There is no earlier version to roll back to");
    }

    [Fact]
    public async Task CreateCustomer_BadId_400SameFieldErrorInBoth()
    {
        using var api = await _edge.Admin.PostAsJsonAsync("/api/v1/customers", new { id = "Not Valid", name = "Bad Ltd" });
        using var portal = await _staff.PostFormAsync("/portal/customers", "/portal/customers", new() { ["id"] = "Not Valid", ["name"] = "Bad Ltd" });

        await AssertSameAsync(api, portal, HttpStatusCode.BadRequest, "must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit");
        Assert.DoesNotContain("Not Valid", await _edge.Admin.GetStringAsync("/api/v1/customers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCustomer_Exists_409InBoth()
    {
        using var api = await _edge.Admin.PostAsJsonAsync("/api/v1/customers", new { id = "acme", name = "Acme again" });
        using var portal = await _staff.PostFormAsync("/portal/customers", "/portal/customers", new() { ["id"] = "acme", ["name"] = "Acme again" });

        await AssertSameAsync(api, portal, HttpStatusCode.Conflict, "A customer with that id exists");
        Assert.DoesNotContain("Acme again", await _edge.Admin.GetStringAsync("/api/v1/customers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueToken_UnknownCustomer_404InBoth()
    {
        var tokensBefore = await _edge.Admin.GetStringAsync("/api/v1/tokens");
        using var api = await _edge.Admin.PostAsJsonAsync("/api/v1/customers/nobody/tokens", new { name = "x" });
        using var portal = await _staff.PostFormAsync("/portal/customers", "/portal/customers/nobody/tokens", new() { ["name"] = "x" });

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
        Assert.Equal(tokensBefore, await _edge.Admin.GetStringAsync("/api/v1/tokens"));
    }

    [Fact]
    public async Task RevokeToken_UnknownToken_404InBoth()
    {
        using var api = await _edge.Admin.DeleteAsync("/api/v1/tokens/tok-unknown");
        using var portal = await _staff.PostFormAsync("/portal/customers", "/portal/tokens/tok-unknown/revoke", new());

        await AssertSameAsync(api, portal, HttpStatusCode.NotFound, null);
    }

    /// <summary>Both shells answered <paramref name="status"/>; where a reason is expected, the API's problem and the portal's page both carry it.</summary>
    private static async Task AssertSameAsync(HttpResponseMessage api, HttpResponseMessage portal, HttpStatusCode status, string? reason)
    {
        var apiBody = await api.Content.ReadAsStringAsync();
        var portalBody = WebUtility.HtmlDecode(await portal.Content.ReadAsStringAsync());
        Assert.True(status == api.StatusCode, $"API: {(int)api.StatusCode} {apiBody}");
        Assert.True(status == portal.StatusCode, $"portal: {(int)portal.StatusCode} {portalBody}");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        if (reason is not null)
        {
            var problem = JsonNode.Parse(apiBody)!;
            var words = (string?)problem["title"] + " " + (string?)problem["detail"] + " "
                + string.Join(" ", problem["errors"]?.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => (string?)m)) ?? []);
            Assert.Contains(reason, words, StringComparison.Ordinal);
            Assert.Contains(reason, portalBody, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", portalBody, StringComparison.Ordinal);
        }
    }

    private async Task<string> SiteJsonAsync()
    {
        var site = await _edge.GetSiteAsync("acme-shop");
        site.Remove("state");
        return site.ToJsonString();
    }

    private static byte[] ZipWith(string name, string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
