using System.Text;
using SorryEdge.Sites;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>The front against real mail software: swaks as the client, smtp-sink as the backend, Postfix as the sending MTA.</summary>
[Trait("Category", "RealPeer")]
public sealed class SmtpRealPeerTests
{
    private const string Listen = "127.0.0.1:0";
    private const string Message = "Example Ltd mail is in maintenance";

    [Fact]
    public async Task Swaks_TempfailAtGreeting_Sees421()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Greeting)));

        var (exitCode, output) = await SwaksAsync(await host.PortAsync(Listen));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"<** 421 4.3.2 edge.test {Message}", output);
        Assert.DoesNotContain("-> MAIL", output);
    }

    [Fact]
    public async Task Swaks_TempfailAtRcpt_Sees451()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt)));

        var (exitCode, output) = await SwaksAsync(await host.PortAsync(Listen));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("<-  220 edge.test ESMTP", output);
        Assert.Contains("<-  250 2.1.0 Ok", output);
        Assert.Contains($"<** 451 4.3.2 {Message}", output);
        Assert.DoesNotContain("<-  354", output);
    }

    [Fact]
    public async Task Swaks_Passthrough_DeliversByteExactToSmtpSink()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        var sites = new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Passthrough, SmtpDeferAt.Greeting));
        await using var host = await SmtpFrontHost.StartAsync(sites);
        sites.Update("s1", s => s with { Backend = sink.Address });
        var message = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(message, Encoding.UTF8.GetBytes(
                "From: a@client.test\r\nTo: b@example.test\r\nSubject: byte-exact\r\n\r\n" +
                "line one\r\n8-bit: ünïcödé €\r\n\tindented\r\ntrailing spaces   \r\n.leading dot\r\n" + new string('x', 900) + "\r\n"));

            // The same message straight to the sink and through the edge: the dumps must match.
            var direct = await SwaksAsync(sink.Port, "--data", message);
            Assert.Equal(0, direct.ExitCode);
            await Poll.UntilAsync(() => sink.Dumps().Length == 1, what: "direct dump");
            var viaEdge = await SwaksAsync(await host.PortAsync(Listen), "--data", message);
            Assert.Equal(0, viaEdge.ExitCode);
            await Poll.UntilAsync(() => sink.Dumps().Length == 2, what: "dump through the edge");

            var dumps = sink.Dumps().Select(File.ReadAllBytes).Select(WithoutReceivedHeader).ToList();
            Assert.Equal(dumps[0], dumps[1]);
            var text = Encoding.UTF8.GetString(dumps[1]);
            Assert.Contains("8-bit: ünïcödé €\n\tindented\ntrailing spaces   \n", text);
            Assert.Contains(new string('x', 900), text);
            Assert.Contains("<-  250", viaEdge.Output);
        }
        finally
        {
            File.Delete(message);
        }
    }

    [Fact]
    public async Task Postfix_TempfailThenAuto_NothingLost()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        var sites = new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt));
        await using var host = await SmtpFrontHost.StartAsync(sites);
        sites.Update("s1", s => s with { Backend = sink.Address });
        await using var postfix = await PostfixInstance.StartAsync(await host.PortAsync(Listen));
        var token = Guid.NewGuid().ToString("N");
        var deadline = TimeSpan.FromSeconds(90);

        await postfix.SubmitAsync("a@client.test", "b@example.test", $"Subject: nothing lost {token}\n\nbody {token}\n");

        // Async probes only: blocking on postqueue inside a poll starves xunit's two worker threads in a full parallel run.
        var queue = await Poll.UntilAsync(
            postfix.QueueAsync,
            // Still queued, with the edge's deferral as the reason. With this Postfix's one-second backoff the
            // message moves between the deferred, incoming and active queues, so the queue's name is not asserted.
            q => q.Contains("\"delay_reason\": \"host 127.0.0.1[127.0.0.1] said: 451 4.3.2", StringComparison.Ordinal),
            deadline,
            "message deferred with the edge's 4.3.2 text");
        Assert.Contains(Message, queue);
        Assert.Empty(sink.Dumps());

        sites.Update("s1", s => s with { Mode = SmtpMode.Auto });
        await postfix.FlushAsync();

        await Poll.UntilAsync(() => sink.Dumps().Any(d => File.ReadAllText(d).Contains($"body {token}", StringComparison.Ordinal)), deadline, $"message at the sink; maillog: {postfix.ReadLog()}");
        await Poll.UntilAsync(postfix.QueueAsync, q => q.Trim().Length == 0, deadline, "Postfix queue empty");
        Assert.Contains("status=sent", postfix.ReadLog());
    }

    private static Task<(int ExitCode, string Output)> SwaksAsync(int port, params string[] extra) =>
        ExternalProcess.RunAsync(
            "/usr/bin/swaks",
            ["--server", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--from", "a@client.test", "--to", "b@example.test", "--timeout", "10", .. extra]);

    /// <summary>Drops smtp-sink's own Received header (it carries a queue id and a time); everything else must be equal.</summary>
    private static byte[] WithoutReceivedHeader(byte[] dump)
    {
        var lines = Encoding.UTF8.GetString(dump).Split('\n');
        var kept = new List<string>();
        var inReceived = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("Received: ", StringComparison.Ordinal))
            {
                inReceived = true;
                continue;
            }

            if (inReceived && line.StartsWith('\t'))
            {
                continue;
            }

            inReceived = false;
            kept.Add(line);
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', kept));
    }
}
