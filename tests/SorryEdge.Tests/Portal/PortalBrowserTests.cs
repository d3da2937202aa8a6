using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SorryEdge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SorryEdge.Tests.Portal;

/// <summary>The portal in real headless Chromium: upload, preview, activate, switch, and the page served through the edge.</summary>
[Trait("Category", "Browser")]
public sealed class PortalBrowserTests : IAsyncLifetime
{
    private const string Heading = "Shop is being upgraded";
    private EdgeTestHost _edge = null!;
    private TestBackend _backend = null!;
    private string _shopToken = null!;
    private string _rivalToken = null!;
    private readonly string _shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "portal");
    private readonly string _temp = Directory.CreateTempSubdirectory("sorryedge-portal-").FullName;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_shots);
        _backend = await TestBackend.StartAsync("shop");
        _edge = await EdgeTestHost.StartAsync();
        (_shopToken, _) = await PortalSession.CustomerTokenAsync(_edge, "shop-co");
        (_rivalToken, _) = await PortalSession.CustomerTokenAsync(_edge, "rival");
        await _edge.PutSiteAsync("shop", EdgeTestHost.Site("shop.test", [_backend.Url], s => { s["customer"] = "shop-co"; s["name"] = "Shop"; }));
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public async Task Portal_UploadPreviewActivateMaintenance_PageServedThroughEdgeThenBackendAgain()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-proxy-server", "--host-resolver-rules=MAP *.test 127.0.0.1"],
        });
        SetDefaultExpectTimeout(30_000);
        var admin = _edge.AdminUri.ToString().TrimEnd('/');
        var shopUrl = $"http://shop.test:{_edge.DataUri.Port}/";

        await using var context = await browser.NewContextAsync();
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await LogInAsync(page, admin, _shopToken);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Shop" })).ToBeVisibleAsync();
        await Shot(page, "1-sites");

        await page.GetByRole(AriaRole.Link, new() { Name = "Shop" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shop", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#page-file").SetInputFilesAsync(BuildZip());
        await page.Locator("#upload").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("review=1"));
        await Expect(page.Locator("#review")).ToContainTextAsync("stored, not active");

        var preview = page.FrameLocator("#preview").Locator("h1");
        await Expect(preview).ToHaveTextAsync(Heading);
        await Expect(preview).ToHaveCSSAsync("color", "rgb(250, 200, 100)");
        await Shot(page, "2-review-preview");

        using (var before = await _edge.Client("shop.test").GetAsync("/"))
        {
            Assert.Equal(_backend.Body, await before.Content.ReadAsStringAsync());
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Activate version 1" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("done=activate"));
        await page.Locator("#mode-maintenance").CheckAsync();
        await page.Locator("#switch-mode").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("done=mode"));
        await Expect(page.Locator("#site-state")).ToContainTextAsync("Sorry page — maintenance");
        await Shot(page, "3-maintenance-on");

        var site = await context.NewPageAsync();
        var answer = await site.GotoAsync(shopUrl);
        Assert.Equal(503, answer!.Status);
        await Expect(site.Locator("h1")).ToHaveTextAsync(Heading);
        await Expect(site.Locator("h1")).ToHaveCSSAsync("color", "rgb(250, 200, 100)");
        await Expect(site.Locator("body")).ToHaveCSSAsync("background-color", "rgb(12, 34, 56)");
        await Shot(site, "4-sorry-page-through-edge");

        await page.Locator("#mode-auto").CheckAsync();
        await page.Locator("#switch-mode").ClickAsync();
        await Expect(page.Locator("#site-state")).ToContainTextAsync("Forwarding");
        var back = await site.GotoAsync(shopUrl);
        Assert.Equal(200, back!.Status);
        await Expect(site.Locator("body")).ToHaveTextAsync(_backend.Body);
        await Shot(site, "5-backend-again");

        await using var rivalContext = await browser.NewContextAsync();
        rivalContext.SetDefaultTimeout(30_000);
        var rival = await rivalContext.NewPageAsync();
        await LogInAsync(rival, admin, _rivalToken);
        await Expect(rival.Locator("main")).ToContainTextAsync("No sites yet");
        await Expect(rival.GetByRole(AriaRole.Link, new() { Name = "Shop" })).ToHaveCountAsync(0);
        var refused = await rival.GotoAsync(admin + "/portal/sites/shop");
        Assert.Equal(404, refused!.Status);
        await Shot(rival, "6-rival-404");
    }

    private static async Task LogInAsync(IPage page, string admin, string token)
    {
        await page.GotoAsync(admin + "/portal/login");
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal$"));
    }

    private string BuildZip()
    {
        var path = Path.Combine(_temp, "sorry.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Write(zip, "index.html", $"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop maintenance</title>
                <link rel="stylesheet" href="/.sorry/style.css"></head><body><h1>{Heading}</h1><p>Back soon.</p></body></html>
                """);
            Write(zip, "style.css", "body{background:rgb(12,34,56)}h1{color:rgb(250,200,100)}");
        }

        return path;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(_shots, name + ".png"), FullPage = true });
}
