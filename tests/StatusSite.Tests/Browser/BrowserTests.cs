using Microsoft.Playwright;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Browser;

/// <summary>Real headless Chromium (Debian's) against the real site; screenshots kept under the test output folder.</summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "status-site");

    // The machine is shared by parallel builds; generous expectation deadlines keep the tests honest but not flaky.
    static BrowserTests() => Assertions.SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task Staff_OpenUpdateResolveIncident_PublicPageFollows()
    {
        await using var host = await StatusSiteHost.StartAsync(null, StatusSiteHost.WithUser);
        await host.PutComponentAsync("api", "Public API", group: "Platform");
        using var pw = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(pw);
        var staff = await (await browser.NewContextAsync(new() { BaseURL = host.BaseAddress })).NewPageAsync();

        await staff.GotoAsync("/login");
        await staff.FillAsync("input[name=username]", StatusSiteHost.User);
        await staff.FillAsync("input[name=password]", StatusSiteHost.Password);
        await staff.ClickAsync("form[action='/login'] button");
        await staff.WaitForURLAsync("**/console");

        var create = staff.Locator("form[action='/console/incidents']");
        await create.Locator("input[name=name]").FillAsync("Checkout errors");
        await create.Locator("select[name=impact]").SelectOptionAsync("major");
        await create.Locator("textarea[name=body]").FillAsync("We see **elevated errors** on checkout.");
        await create.Locator("select[name='component:api']").SelectOptionAsync("partial_outage");
        // The live preview (the console's one small script) renders the Markdown as staff type.
        await Assertions.Expect(staff.Locator("#body-new-preview strong")).ToHaveTextAsync("elevated errors");
        await create.Locator("button:has-text('Open incident')").ClickAsync();
        // The console redirects back to itself, so wait for what the post produced rather than for the URL.
        await Assertions.Expect(staff.Locator("form[action$='/updates']")).ToHaveCountAsync(1);
        await Screenshot(staff, "console-open-incident");

        var visitor = await (await browser.NewContextAsync(new() { BaseURL = host.BaseAddress })).NewPageAsync();
        await visitor.GotoAsync("/");
        await Assertions.Expect(visitor.Locator("text=Checkout errors")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator(".md strong", new() { HasText = "elevated errors" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator(".badge", new() { HasText = "Partial outage" }).First).ToBeVisibleAsync();
        await Screenshot(visitor, "public-open-incident");

        var update = staff.Locator("form[action$='/updates']").First;
        await update.Locator("select[name=status]").SelectOptionAsync("resolved");
        await update.Locator("textarea[name=body]").FillAsync("Fixed by rolling back the deploy.");
        await update.Locator("button:has-text('Post update')").ClickAsync();
        await Assertions.Expect(staff.Locator("text=Nothing open.")).ToBeVisibleAsync();

        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator(".banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("All Systems Operational"));
        await visitor.ClickAsync("text=Checkout errors");
        await Assertions.Expect(visitor.Locator(".badge", new() { HasText = "Resolved" }).First).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("text=Fixed by rolling back the deploy.")).ToBeVisibleAsync();
        await Screenshot(visitor, "public-resolved-incident");
    }

    [Fact]
    public async Task PublicPage_JavaScriptDisabled_IsReadable()
    {
        await using var host = await StatusSiteHost.StartAsync(null, "--Status:Demo:Enabled=true");
        await host.CreateIncidentAsync("Mail delays", "Messages are **queued**.", new Dictionary<string, string> { ["mail-delivery"] = "degraded_performance" }, impact: "minor");
        using var pw = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(pw);
        var context = await browser.NewContextAsync(new() { BaseURL = host.BaseAddress, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        // A minor incident with a degraded component reads as Twilio's page does.
        await Assertions.Expect(page.Locator(".banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Partially Degraded Service"));
        await Assertions.Expect(page.Locator("text=Mail delays")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("text=Edge network")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".badge", new() { HasText = "Degraded performance" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("script").CountAsync());
        await page.ClickAsync("text=Mail delays");
        await Assertions.Expect(page.Locator(".md strong")).ToHaveTextAsync("queued");
        await Screenshot(page, "public-no-javascript");
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright pw) => pw.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });
    }
}
