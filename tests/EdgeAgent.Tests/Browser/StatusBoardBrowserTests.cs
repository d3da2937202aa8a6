using EdgeAgent.Tests.Support;
using Microsoft.Playwright;

namespace EdgeAgent.Tests.Browser;

/// <summary>The status board in headless Chromium: colour and text per check, click-through to details.</summary>
[Trait("Category", "Browser")]
public sealed class StatusBoardBrowserTests
{
    [Fact]
    public async Task Board_RedCheck_ShownAndClickThroughToSparkline()
    {
        await using var agent = await AgentHost.StartAsync(2);
        await agent.WaitForStatusAsync("red");
        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/checks/forced"), p => p.Contains("<circle", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "a recorded value");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(agent.BaseAddress.ToString());

        Assert.Equal("Verdict: RED — weight 0%", (await page.Locator("#verdict").InnerTextAsync()).Trim());
        var badge = page.Locator("#checks tr[data-status=critical] .badge");
        Assert.Equal("CRITICAL", (await badge.InnerTextAsync()).Trim());
        var colour = await badge.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(176, 0, 32)", colour);
        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "board.png"), FullPage = true });

        await page.Locator("#checks a", new() { HasText = "forced" }).ClickAsync();
        await page.WaitForURLAsync("**/checks/forced");
        Assert.Equal("forced", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("svg circle").CountAsync() >= 1);
        Assert.True(await page.Locator("svg line.threshold.critical").CountAsync() >= 1);
        Assert.Contains("FORCED CRITICAL", await page.Locator("#history").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "check-forced.png"), FullPage = true });
    }
}
