using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>The SMTP front driven end to end through the admin API of the real edge.</summary>
public sealed class SmtpAdminApiTests
{
    [Fact]
    public async Task SmtpMode_SwitchedThroughApi_NextConnectionAnswersAccordingly()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var port = FreePort.Next();
        await edge.PutSiteAsync("mail", EdgeTestHost.Site("mail.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { listen = new[] { $"127.0.0.1:{port}" }, mode = "tempfail", deferAt = "greeting" }));

        var greeting = await Poll.UntilAsync(() => GreetingAsync(port), (string g) => g.StartsWith("421", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the SMTP listener");
        Assert.Contains("4.3.2", greeting);

        await edge.PutSiteAsync("mail", EdgeTestHost.Site("mail.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { listen = new[] { $"127.0.0.1:{port}" }, mode = "tempfail", deferAt = "rcpt" }));
        var deferred = await Poll.UntilAsync(() => GreetingAsync(port), g => g.StartsWith("220", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "a 220 greeting after switching to defer at RCPT");
        Assert.StartsWith("220", deferred);

        using var response = await edge.Admin.PutAsJsonAsync("/api/v1/sites/mail/smtp-mode", new { mode = "passthrough" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("smtp.backend", await response.Content.ReadAsStringAsync());
        Assert.Contains(await edge.EventsAsync("mail"), e => (string?)e!["kind"] == "site.updated");
    }

    [Fact]
    public async Task PutSite_SmtpListenerOfAnotherSite_409()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        var port = FreePort.Next();
        var smtp = new { listen = new[] { $"127.0.0.1:{port}" }, mode = "tempfail" };
        await edge.PutSiteAsync("a", EdgeTestHost.Site("a.test", ["http://127.0.0.1:9"], s => s["smtp"] = smtp));
        using var response = await edge.Admin.PutAsJsonAsync("/api/v1/sites/b", EdgeTestHost.Site("b.test", ["http://127.0.0.1:9"], s => s["smtp"] = smtp));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Admin.GetAsync("/api/v1/sites/b")).StatusCode);
    }

    [Fact]
    public async Task PutSite_SmtpDomainsOfAnotherSiteOrMalformed_400WithFieldAndNothingStored()
    {
        await using var edge = await EdgeTestHost.StartAsync();
        await edge.PutSiteAsync("a", EdgeTestHost.Site("a.test", ["http://127.0.0.1:9"], s => s["smtp"] = new { domains = new[] { "a.test", "*.a.test" }, mode = "tempfail" }));

        using var taken = await edge.Admin.PutAsJsonAsync("/api/v1/sites/b", EdgeTestHost.Site("b.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { domains = new[] { "b.test", "*.A.test" }, mode = "tempfail" }));
        using var malformed = await edge.Admin.PutAsJsonAsync("/api/v1/sites/b", EdgeTestHost.Site("b.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { domains = new[] { "b..test" }, mode = "tempfail" }));
        using var neither = await edge.Admin.PutAsJsonAsync("/api/v1/sites/b", EdgeTestHost.Site("b.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { mode = "tempfail" }));

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("\"smtp.domains[1]\":[\"'*.A.test' is already claimed by site 'a'", await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("smtp.domains[0]", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Contains("smtp.listen", await neither.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Admin.GetAsync("/api/v1/sites/b")).StatusCode);
    }

    [Fact]
    public async Task SharedListener_SiteWithDomainsOnly_DeferredPerRecipientThroughTheEdge()
    {
        await using var edge = await EdgeTestHost.StartAsync(new() { ["Edge:Smtp:Shared:0"] = "127.0.0.1:0", ["Edge:Smtp:Hostname"] = "edge.test" });
        await edge.PutSiteAsync("a", EdgeTestHost.Site("a.test", ["http://127.0.0.1:9"], s =>
            s["smtp"] = new { domains = new[] { "a.test" }, mode = "tempfail", message = "A is in maintenance" }));
        var manager = edge.Services.GetRequiredService<SorryEdge.Smtp.SmtpListenerManager>();
        await Poll.UntilAsync(() => manager.BoundEndPoints.ContainsKey("127.0.0.1:0"), what: "shared listener bound");
        using var client = await SmtpTestClient.ConnectAsync(((IPEndPoint)manager.BoundEndPoints["127.0.0.1:0"]).Port);

        await client.ReadReplyAsync();
        await client.SendAsync("EHLO c.test\r\nMAIL FROM:<s@c.test>\r\nRCPT TO:<x@a.test>\r\nRCPT TO:<x@b.test>\r\nQUIT\r\n");
        var lines = await client.ReadToEndAsync();

        Assert.Contains("451 4.3.2 A is in maintenance", lines);
        Assert.Contains("554 5.7.1 <x@b.test>: Relay access denied", lines);
    }

    private static async Task<string> GreetingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var buffer = new byte[512];
            var n = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (SocketException)
        {
            return "";
        }
    }
}
