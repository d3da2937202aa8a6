using System.Net;
using System.Net.Http.Json;
using SorryEdge.Tests.Portal;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Notifications;

/// <summary>A customer sets the site's notification addresses in the portal; the API shows them and the damping state.</summary>
public sealed class PortalNotifyTests
{
    [Fact]
    public async Task Portal_CustomerSavesAddresses_StoredAndBadAddressChangesNothing()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var (token, _) = await PortalSession.CustomerTokenAsync(edge, "acme");
        await edge.PutSiteAsync("acme-shop", EdgeTestHost.Site("acme.test", ["http://127.0.0.1:9"], s => s["customer"] = "acme"));
        using var session = new PortalSession(edge);
        (await session.LoginAsync(token)).Dispose();

        using var saved = await session.PostFormAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/notify",
            new() { ["emails"] = "ops@acme.test\nboss@acme.test" });
        using var refused = await session.PostFormAsync("/portal/sites/acme-shop", "/portal/sites/acme-shop/notify",
            new() { ["emails"] = "ops@acme.test\nnot an address" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not an address", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var site = await edge.GetSiteAsync("acme-shop");
        Assert.Equal(["ops@acme.test", "boss@acme.test"], site["notifyEmails"]!.AsArray().Select(n => (string)n!));
        // Its backend (port 9) is dead: one published outage, a penalty below the suppress limit, not flapping.
        await Poll.UntilAsync(async () => (string?)(await edge.GetSiteAsync("acme-shop"))["state"]!["damping"]!["published"], p => p == "down",
            TimeSpan.FromSeconds(10), "the outage published");
        site = await edge.GetSiteAsync("acme-shop");
        Assert.InRange((double)site["state"]!["damping"]!["penalty"]!, 1, 1000);
        Assert.False((bool)site["state"]!["damping"]!["suppressed"]!);
        using var page = await session.GetAsync("/portal/sites/acme-shop");
        Assert.Contains("boss@acme.test", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_BadNotificationSettings_FieldErrorsAndNothingStored()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        using var response = await edge.Admin.PutAsJsonAsync("/api/v1/sites/bad", EdgeTestHost.Site("bad.test", ["http://127.0.0.1:9"], s =>
        {
            s["notifyEmails"] = new[] { "nope" };
            s["statusComponent"] = "Not A Slug";
            s["damping"] = new { suppressLimit = 100, reuseLimit = 500 };
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("notifyEmails[0]", body, StringComparison.Ordinal);
        Assert.Contains("statusComponent", body, StringComparison.Ordinal);
        Assert.Contains("damping.suppressLimit", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Admin.GetAsync("/api/v1/sites/bad")).StatusCode);
    }
}
