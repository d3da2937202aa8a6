using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using MimeKit;
using SorryEdge.Tests.Smtp;
using SorryEdge.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SorryEdge.Tests.Notifications;

/// <summary>Status-site subscribers with real peers: smtp-sink as the relay, a Kestrel webhook receiver, headless Chromium.</summary>
[Trait("Category", "RealPeer")]
public sealed partial class SubscriberTests
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "subscribers");

    [Fact]
    public async Task Browser_SubscribeConfirmReceiveUpdateUnsubscribe_WholeFlowByMail()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var status = await StatusSiteUnderTest.StartAsync(sink);
        await status.PutComponentAsync("api", "Public API");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--no-proxy-server"],
        });
        SetDefaultExpectTimeout(30_000);
        Directory.CreateDirectory(Shots);
        // The forms need no JavaScript: the whole flow runs with it off.
        await using var context = await browser.NewContextAsync(new() { BaseURL = status.Url, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscribe to updates" }).ClickAsync();
        await page.FillAsync("input[name=email]", "visitor@example.test");
        await page.ClickAsync("form[action='/subscribe'] button");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Check your mailbox");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "1-subscribed.png") });

        var confirmation = await MailToAsync(sink, "visitor@example.test", 1);
        Assert.Contains("Confirm your subscription", confirmation[0].Subject);
        await page.GotoAsync(Link(confirmation[0].GetTextBody(MimeKit.Text.TextFormat.Plain)!, "confirm"));
        await Expect(page.Locator("h2")).ToHaveTextAsync("Subscription confirmed");

        await status.CreateIncidentAsync("API errors", "We see **errors** on the API.", "api");
        var mails = await MailToAsync(sink, "visitor@example.test", 2);
        var update = mails.Single(m => (m.Subject ?? "").Contains("API errors", StringComparison.Ordinal));
        Assert.Equal("[Hosting status] API errors: Investigating", update.Subject);
        Assert.Contains("We see **errors** on the API.", update.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
        Assert.Contains("Component: Public API – Major outage", update.GetTextBody(MimeKit.Text.TextFormat.Plain)!);
        Assert.Equal("auto-generated", update.Headers["Auto-Submitted"]);
        Assert.Equal("List-Unsubscribe=One-Click", update.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = Link(update.GetTextBody(MimeKit.Text.TextFormat.Plain)!, "unsubscribe");
        Assert.Equal($"<{unsubscribe}>", update.Headers["List-Unsubscribe"]);

        await page.GotoAsync(unsubscribe);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Unsubscribed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "2-unsubscribed.png") });

        await status.CreateIncidentAsync("API errors again", "Still errors.", "api");
        await status.SettledAsync();
        Assert.Equal(2, sink.Messages().Count(m => m.To.Mailboxes.Any(a => a.Address == "visitor@example.test")));
    }

    [Fact]
    public async Task Subscribe_SameAddressTwiceThenTooOften_SameAnswerOneConfirmationThen429()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var status = await StatusSiteUnderTest.StartAsync(sink, "--Status:Notifications:SubscribePerMinute=3");
        using var client = new HttpClient { BaseAddress = new Uri(status.Url) };
        async Task<(HttpStatusCode, string)> PostAsync(string email)
        {
            using var response = await client.PostAsync("/subscribe", new FormUrlEncodedContent([new("email", email)]));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await PostAsync("a@example.test");
        var again = await PostAsync("a@example.test");
        var bad = await PostAsync("not an address");
        var limited = await PostAsync("b@example.test");
        await status.SettledAsync();

        Assert.Equal(HttpStatusCode.OK, first.Item1);
        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Item1);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Item1);
        Assert.Single(sink.Messages());
        Assert.Equal(0, await status.CountAsync("SELECT COUNT(*) FROM subscribers WHERE address = 'b@example.test'"));
    }

    [Fact]
    public async Task OneClickUnsubscribe_Rfc8058Post_RemovesSubscriberAndForgedLinkDoesNot()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var status = await StatusSiteUnderTest.StartAsync(sink);
        using var client = new HttpClient { BaseAddress = new Uri(status.Url) };
        (await client.PostAsync("/subscribe", new FormUrlEncodedContent([new("email", "c@example.test")]))).EnsureSuccessStatusCode();
        var confirm = Link((await MailToAsync(sink, "c@example.test", 1))[0].GetTextBody(MimeKit.Text.TextFormat.Plain)!, "confirm");
        (await client.GetAsync(confirm)).EnsureSuccessStatusCode();
        var unsubscribe = confirm.Replace("/confirm?", "/unsubscribe?", StringComparison.Ordinal);

        using var forged = await client.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, await status.CountAsync("SELECT COUNT(*) FROM subscribers WHERE confirmed_at IS NOT NULL"));

        await status.CreateIncidentAsync("Down", "Down.", await PublishedComponentAsync(status));
        var mail = (await MailToAsync(sink, "c@example.test", 2)).Single(m => (m.Subject ?? "").Contains("Down", StringComparison.Ordinal));
        var target = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        using var oneClick = await client.PostAsync(target, new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(0, await status.CountAsync("SELECT COUNT(*) FROM subscribers"));
    }

    [Fact]
    public async Task Webhook_ReceiverAnswers500First_GetsSignedRetryInStatuspageShape()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        await using var status = await StatusSiteUnderTest.StartAsync(sink);
        var calls = new ConcurrentQueue<(string Body, string Signature)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext ctx) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            calls.Enqueue((body, ctx.Request.Headers["X-Status-Signature"].ToString()));
            return calls.Count == 1 ? Results.StatusCode(500) : Results.Ok();
        });
        await receiver.StartAsync();
        await status.PutComponentAsync("db", "Database");
        using var added = await status.Staff.PostAsJsonAsync("/api/v1/subscribers", new { kind = "webhook", address = receiver.Urls.First() + "/hook" });
        var subscriber = JsonNode.Parse(await added.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var secret = (string)subscriber["secret"]!;

        await status.PutComponentAsync("db", "Database", "partial_outage");
        await Poll.UntilAsync(() => Task.FromResult(calls.Count), n => n >= 2, TimeSpan.FromSeconds(20), "the webhook and its retry");

        var list = calls.ToList();
        Assert.Equal(list[0].Body, list[1].Body);
        Assert.All(list, call => Assert.True(Verify(secret, call.Body, call.Signature), "signature " + call.Signature));
        Assert.False(Verify("wrong-secret", list[1].Body, list[1].Signature));
        var json = JsonNode.Parse(list[1].Body)!;
        Assert.Equal("partial_outage", (string)json["component_update"]!["new_status"]!);
        Assert.Equal("operational", (string)json["component_update"]!["old_status"]!);
        Assert.Equal("db", (string)json["component"]!["id"]!);
        Assert.Equal("minor", (string)json["page"]!["status_indicator"]!);
        Assert.StartsWith(status.Url + "/subscriptions/unsubscribe?", (string)json["meta"]!["unsubscribe"]!);
        await Poll.UntilAsync(() => status.CountAsync("SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NOT NULL"), n => n == 1,
            TimeSpan.FromSeconds(10), "the retry recorded as delivered");
        Assert.Equal(2, await status.CountAsync("SELECT attempts FROM webhook_outbox"));
    }

    /// <summary>How a receiver verifies a call (as docs/notifications.md describes): HMAC-SHA256 of "t.body" with the secret.</summary>
    private static bool Verify(string secret, string body, string header)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + body)));
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture));
        return age.Duration() < TimeSpan.FromMinutes(5)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    private static async Task<string> PublishedComponentAsync(StatusSiteUnderTest status)
    {
        await status.PutComponentAsync("web", "Website");
        return "web";
    }

    private static async Task<List<MimeMessage>> MailToAsync(SmtpSinkProcess sink, string address, int count) =>
        await Poll.UntilAsync(() => Task.FromResult(sink.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList()),
            l => l.Count >= count, TimeSpan.FromSeconds(30), $"{count} mail(s) to {address}");

    private static string Link(string text, string purpose) =>
        LinkPattern().Matches(text).Select(m => m.Value).First(v => v.Contains("/subscriptions/" + purpose + "?", StringComparison.Ordinal));

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/subscriptions/\w+\?id=[a-z0-9]+&sig=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
