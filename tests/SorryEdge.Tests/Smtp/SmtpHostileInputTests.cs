using System.Text;
using SorryEdge.Sites;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>Each hostile client is stopped by the limit meant for it, and the front keeps serving.</summary>
public sealed class SmtpHostileInputTests
{
    private const string Listen = "127.0.0.1:0";

    [Fact]
    public async Task LongLine_100kB_Gets421LineTooLong()
    {
        await using var host = await StartAsync();
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);
        await client.ReadReplyAsync();

        await client.SendAsync(Encoding.ASCII.GetBytes("MAIL FROM:<" + new string('a', 100 * 1024) + ">\r\n"));

        Assert.Equal(["421 4.7.0 Line too long, closing connection"], await client.ReadToEndAsync());
        await AssertLimitLoggedAsync(host, "line");
        await AssertStillServesAsync(port);
    }

    [Fact]
    public async Task BinaryGarbage_EndsWith421()
    {
        await using var host = await StartAsync();
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);
        await client.ReadReplyAsync();
        var garbage = new byte[64 * 1024];
        new Random(4).NextBytes(garbage);

        await client.SendAsync(garbage);
        var lines = await client.ReadToEndAsync();

        // Random bytes hold a LF every 256 bytes on average: the first lines are refused as
        // garbage (500) until the error limit, unless a line over 512 bytes comes first.
        Assert.StartsWith("421 4.7.0 ", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("500 5.5.2 ", l));
        await AssertStillServesAsync(port);
    }

    [Fact]
    public async Task Pipelining_1000CommandsInOneWrite_1000RepliesInOrder()
    {
        await using var host = await StartAsync();
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);
        await client.ReadReplyAsync();
        var batch = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            batch.Append(i % 2 == 0 ? "NOOP\r\n" : "RSET\r\n");
        }

        await client.SendAsync(batch.Append("QUIT\r\n").ToString());
        var lines = await client.ReadToEndAsync();

        Assert.Equal(1001, lines.Count);
        Assert.All(lines.Take(1000), l => Assert.Equal("250 2.0.0 Ok", l));
        Assert.Equal("221 2.0.0 Bye", lines[1000]);
    }

    [Fact]
    public async Task Pipelining_1000GarbageCommandsInOneWrite_StoppedByErrorLimit()
    {
        await using var host = await StartAsync();
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);
        await client.ReadReplyAsync();

        await client.SendAsync(string.Concat(Enumerable.Repeat("XYZZY\r\n", 1000)));
        var lines = await client.ReadToEndAsync();

        Assert.Equal(10, lines.Count);
        Assert.All(lines.Take(9), l => Assert.Equal("500 5.5.2 Command unrecognized", l));
        Assert.Equal("421 4.7.0 Too many errors, closing connection", lines[9]);
        await AssertLimitLoggedAsync(host, "errors");
    }

    [Fact]
    public async Task SlowClient_OneByteASecond_CutOffByIdleTimeout()
    {
        await using var host = await StartAsync(new() { ["Edge:Smtp:IdleTimeout"] = "00:00:01.500" });
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);
        await client.ReadReplyAsync();
        var started = DateTime.UtcNow;
        using var stop = new CancellationTokenSource();

        // "NOOP\r\n" a byte a second would complete after 6 s; the per-command deadline is 1.5 s.
        var dribble = DribbleAsync(client, "NOOP\r\n"u8.ToArray(), stop.Token);
        var reply = await client.ReadLineAsync();
        await stop.CancelAsync();
        await dribble;

        Assert.Equal("421 4.4.2 Idle timeout, closing connection", reply);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(5));
        await AssertLimitLoggedAsync(host, "idle");
        await AssertStillServesAsync(port);
    }

    [Fact]
    public async Task Connections_500FromOneAddress_OverLimitGet421()
    {
        await using var host = await StartAsync();
        var port = await host.PortAsync(Listen);
        var clients = new List<SmtpTestClient>();
        try
        {
            for (var i = 0; i < 500; i++)
            {
                clients.Add(await SmtpTestClient.ConnectAsync(port));
            }

            var greetings = await Task.WhenAll(clients.Select(c => c.ReadLineAsync()));

            Assert.Equal(20, greetings.Count(g => g == "220 edge.test ESMTP"));
            Assert.Equal(480, greetings.Count(g => g == "421 4.7.0 Too many connections, try again later"));

            // 480 refusals from one client within a minute are one log line, not 480.
            await Poll.UntilAsync(() => host.Logs.Messages.Any(m => m.Contains("refused by the address limit", StringComparison.Ordinal)), what: "refusal logged");
            Assert.Single(host.Logs.Messages, m => m.Contains("SMTP connections from 127.0.0.1 refused by the address limit (1 since the last report)", StringComparison.Ordinal));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        await AssertStillServesAsync(port);
    }

    private static async Task DribbleAsync(SmtpTestClient client, byte[] bytes, CancellationToken cancellationToken)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            foreach (var b in bytes)
            {
                await client.SendAsync([b]);
                await pace.WaitForNextTickAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Stopped by the test or cut off by the server.
        }
    }

    private static async Task AssertLimitLoggedAsync(SmtpFrontHost host, string limit) =>
        await Poll.UntilAsync(() => host.Logs.Messages.Any(m => m.Contains($"ended by the {limit} limit", StringComparison.Ordinal)), what: $"log line for {limit}");

    /// <summary>The process is unharmed: a fresh connection gets a full dialogue (the slot may take a moment to free).</summary>
    private static async Task AssertStillServesAsync(int port)
    {
        var banner = await Poll.UntilAsync(
            async () =>
            {
                using var fresh = await SmtpTestClient.ConnectAsync(port);
                return await fresh.ReadLineAsync();
            },
            b => b == "220 edge.test ESMTP",
            TimeSpan.FromSeconds(10),
            "fresh connection served");
        Assert.Equal("220 edge.test ESMTP", banner);
    }

    private static Task<SmtpFrontHost> StartAsync(Dictionary<string, string?>? settings = null) =>
        SmtpFrontHost.StartAsync(
            new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt)),
            settings);
}
