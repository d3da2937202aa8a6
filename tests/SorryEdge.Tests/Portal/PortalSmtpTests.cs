using System.Net;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Portal;

/// <summary>The portal's mail section: a customer sees and switches its SMTP mode; only staff change domains.</summary>
public sealed class PortalSmtpTests : IAsyncLifetime
{
    private EdgeTestHost _edge = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync();
        (_token, _) = await PortalSession.CustomerTokenAsync(_edge, "acme");
        await _edge.PutSiteAsync("acme-mail", EdgeTestHost.Site("acme.test", ["http://127.0.0.1:9"], s =>
        {
            s["customer"] = "acme";
            s["smtp"] = new { domains = new[] { "acme.test", "*.acme.test" }, mode = "tempfail", backend = "127.0.0.1:9" };
        }));
    }

    public Task DisposeAsync() => _edge.DisposeAsync().AsTask();

    [Fact]
    public async Task SmtpMode_CustomerSwitchesOnPortal_ShownAndStored()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_token)).Dispose();
        var page = await (await session.GetAsync("/portal/sites/acme-mail")).Content.ReadAsStringAsync();
        Assert.Contains("<strong>Deferring</strong>", page);
        Assert.Contains("acme.test, *.acme.test", page);
        Assert.DoesNotContain("save-smtp-domains", page);

        using var response = await session.PostFormAsync("/portal/sites/acme-mail", "/portal/sites/acme-mail/smtp-mode", new() { ["mode"] = "passthrough" });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var after = await (await session.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        Assert.Contains("The SMTP mode was switched.", after);
        Assert.Contains("<strong>Forwarding</strong>", after);
        Assert.Equal("passthrough", (string?)(await _edge.GetSiteAsync("acme-mail"))["smtp"]!["mode"]);
    }

    [Fact]
    public async Task SmtpDomains_CustomerPosts_403SameAsApiAndNothingChanged()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(_token)).Dispose();

        using var response = await session.PostFormAsync("/portal/sites/acme-mail", "/portal/sites/acme-mail/smtp-domains", new() { ["domains"] = "bank.test" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only staff change a site&#x27;s SMTP domains. Ask your hosting provider", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await _edge.GetSiteAsync("acme-mail"))["smtp"]!["domains"]!.AsArray().Count);
    }

    [Fact]
    public async Task SmtpDomains_StaffSavesOnPortal_Stored()
    {
        using var session = new PortalSession(_edge);
        (await session.LoginAsync(EdgeTestHost.Token)).Dispose();

        using var response = await session.PostFormAsync("/portal/sites/acme-mail", "/portal/sites/acme-mail/smtp-domains", new() { ["domains"] = "acme.test\r\nAcme.Example" });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("The SMTP domains were saved.", await (await session.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Equal(["acme.test", "acme.example"], (await _edge.GetSiteAsync("acme-mail"))["smtp"]!["domains"]!.AsArray().Select(d => (string?)d));
    }
}
