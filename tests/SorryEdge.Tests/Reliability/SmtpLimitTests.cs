using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SorryEdge.Sites;
using SorryEdge.Tests.Smtp;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>One customer cannot take the mail of all: per-site limits under a swaks flood, never-reading clients and idle pass-through sessions are cut.</summary>
[Trait("Category", "RealPeer")]
public sealed class SmtpLimitTests
{
    private const string Message = "Example Ltd mail is in maintenance";

    [Fact]
    public async Task SwaksFlood_OneSiteAtItsLimit_421ThereWhileOtherSiteServed()
    {
        var sites = new TestSmtpSiteSource(
            TestSmtpSiteSource.Site("busy", new SmtpSettings { Listen = ["127.0.0.1:0"], Mode = SmtpMode.Tempfail, DeferAt = SmtpDeferAt.Rcpt, Message = Message }),
            TestSmtpSiteSource.Site("calm", new SmtpSettings { Listen = ["127.0.0.2:0"], Mode = SmtpMode.Tempfail, DeferAt = SmtpDeferAt.Rcpt, Message = Message }));
        await using var host = await SmtpFrontHost.StartAsync(sites, new Dictionary<string, string?> { ["Edge:Smtp:MaxConnectionsPerSite"] = "3" });
        var busy = await host.PortAsync("127.0.0.1:0");
        var calm = await host.PortAsync("127.0.0.2:0");

        // The flood: three sessions that stay open hold all of the busy site's slots.
        var held = new List<SmtpTestClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await SmtpTestClient.ConnectAsync(busy);
                held.Add(client);
                Assert.StartsWith("220 ", await client.ReadReplyAsync());
            }

            var flood = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SwaksAsync("127.0.0.1", busy)));
            Assert.All(flood, r => Assert.Contains("<** 421 4.7.0 Too many connections", r.Output));

            // The other customer's mail is answered as usual meanwhile (deferred at RCPT, never refused).
            var other = await SwaksAsync("127.0.0.2", calm);
            Assert.Contains("<-  220 edge.test ESMTP", other.Output);
            Assert.Contains($"<** 451 4.3.2 {Message}", other.Output);
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }

        // Slots come back when the sessions end.
        await Poll.UntilAsync(async () => (await SwaksAsync("127.0.0.1", busy)).Output, o => o.Contains("<-  220 edge.test ESMTP", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the busy site to accept again");
    }

    [Fact]
    public async Task NeverReadingClient_PipelinesWithoutReading_CutByWriteTimeout()
    {
        var sites = new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt));
        await using var host = await SmtpFrontHost.StartAsync(sites, new Dictionary<string, string?> { ["Edge:Smtp:WriteTimeout"] = "00:00:01" });
        var port = await host.PortAsync("127.0.0.1:0");
        using var client = new TcpClient { ReceiveBufferSize = 1024 };
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var noops = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NOOP\r\n", 200_000)));
        var writer = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(noops);
            }
            catch (IOException)
            {
                // Cut while still writing: what should happen.
            }
        });

        await Poll.UntilAsync(() => host.Logs.Messages.Any(m => m.Contains("write-timeout", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the never-reading client to be cut");
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Passthrough_BothSidesSilent_SessionClosedAfterIdleLimit()
    {
        await using var mx = new FakeMx();
        var sites = new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Passthrough, SmtpDeferAt.Greeting));
        await using var host = await SmtpFrontHost.StartAsync(sites, new Dictionary<string, string?> { ["Edge:Smtp:PassthroughIdleTimeout"] = "00:00:01" });
        sites.Update("s1", s => s with { Backend = mx.Address });
        var port = await host.PortAsync("127.0.0.1:0");
        using var client = await SmtpTestClient.ConnectAsync(port);
        Assert.StartsWith("220", await client.ReadReplyAsync());
        await client.SendAsync("NOOP\r\n");
        Assert.StartsWith("250", await client.ReadReplyAsync());

        // Now nobody says anything: the edge closes the session (EOF) well within the read deadline.
        var rest = await client.ReadToEndAsync();
        Assert.Empty(rest);
    }

    private static Task<(int ExitCode, string Output)> SwaksAsync(string server, int port) =>
        ExternalProcess.RunAsync("/usr/bin/swaks",
            ["--server", server, "--port", port.ToString(CultureInfo.InvariantCulture), "--from", "a@client.test", "--to", "b@example.test", "--timeout", "10"]);
}
