using System.Globalization;
using System.Text;
using SorryEdge.Sites;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>
/// The shared listener against real mail software: a throwaway Postfix as the sender, smtp-sink
/// and a Postfix with STARTTLS and XCLIENT as the customers' backend MXs, swaks as the client.
/// </summary>
[Trait("Category", "RealPeer")]
public sealed class SharedSmtpRealPeerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Postfix_OneMessageToTwoCustomers_BDeliveredAtOnceADeferredThenDeliveredOnce()
    {
        await using var sinkA = await SmtpSinkProcess.StartAsync();
        await using var sinkB = await SmtpSinkProcess.StartAsync();
        var sites = new TestSmtpSiteSource(
            SharedSmtpTestSites.Site("a", "a.test", SmtpMode.Tempfail, sinkA.Address),
            SharedSmtpTestSites.Site("b", "b.test", SmtpMode.Auto, sinkB.Address));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings());
        await using var postfix = await PostfixInstance.StartAsync(await host.PortAsync(SharedSmtpTestSites.Shared));
        var token = Guid.NewGuid().ToString("N");
        var body = $"body {token}\n..leading dot stuffed by the sender\n.\tdot and tab\ntrailing spaces   \n8-bit: ünïcödé €\n{new string('x', 900)}\nlast line\n";

        await postfix.SubmitAsync("s@client.test", ["a@a.test", "b@b.test"], $"Subject: two customers {token}\n\n{body}");

        // B at once, byte for byte; A deferred in the sender's queue with A's own 4.3.2 text.
        var dumpB = await Poll.UntilAsync(() => Task.FromResult(DumpsWith(sinkB, token)), d => d.Count == 1, Deadline, $"b@b.test at B's sink; maillog: {postfix.ReadLog()}");
        Assert.Contains("\n\n" + body, File.ReadAllText(dumpB[0]).Replace("\r\n", "\n", StringComparison.Ordinal));
        var queue = await Poll.UntilAsync(
            postfix.QueueAsync,
            // With a 1 s backoff the retry moves it between deferred, incoming and active; the reason stays.
            q => q.Contains("said: 451 4.3.2 a mail is in maintenance (in reply to RCPT TO command)", StringComparison.Ordinal),
            Deadline,
            "a@a.test deferred with A's text");
        Assert.Contains("a@a.test", queue);
        Assert.DoesNotContain("b@b.test", queue);
        Assert.Empty(sinkA.Dumps());

        sites.Update("a", s => s with { Mode = SmtpMode.Auto });
        await postfix.FlushAsync();

        var dumpA = await Poll.UntilAsync(() => Task.FromResult(DumpsWith(sinkA, token)), d => d.Count == 1, Deadline, $"a@a.test at A's sink; maillog: {postfix.ReadLog()}");
        Assert.Contains("\n\n" + body, File.ReadAllText(dumpA[0]).Replace("\r\n", "\n", StringComparison.Ordinal));
        await Poll.UntilAsync(postfix.QueueAsync, q => q.Trim().Length == 0, Deadline, "sender's queue empty");

        // Nothing doubled: one copy per customer, each to its own recipient only.
        Assert.Single(DumpsWith(sinkA, token));
        Assert.Single(DumpsWith(sinkB, token));
        Assert.DoesNotContain("b@b.test", EnvelopeOf(dumpA[0]));
        Assert.DoesNotContain("a@a.test", EnvelopeOf(dumpB[0]));
    }

    [Fact]
    public async Task SwaksTls_SharedListenerToStartTlsBackend_EncryptedOnBothLegsWithClientForwarded()
    {
        var certs = Directory.CreateTempSubdirectory("sorryedge-smtp-certs-");
        try
        {
            TestCertificates.WritePem(certs.FullName, "edge", "edge.test");
            TestCertificates.WritePem(certs.FullName, "mx", "mx.b.test");
            await using var sink = await SmtpSinkProcess.StartAsync();
            var mxPort = FreePort.Next();
            await using var mx = await PostfixInstance.StartAsync(sink.Port, MxMainCf(certs.FullName), $"127.0.0.1:{mxPort} inet n - n - - smtpd\ntlsmgr unix - - n 1000? 1 tlsmgr\n");
            var sites = new TestSmtpSiteSource(
                SharedSmtpTestSites.Site("a", "a.test", SmtpMode.Tempfail, null),
                SharedSmtpTestSites.Site("b", "b.test", SmtpMode.Passthrough, $"127.0.0.1:{mxPort}"));
            await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings(("Edge:Tls:CertificateDirectory", certs.FullName)));
            var token = Guid.NewGuid().ToString("N");

            var (exitCode, output) = await SwaksAsync(
                await host.PortAsync(SharedSmtpTestSites.Shared),
                "--tls", "--local-interface", "127.0.0.7", "--ehlo", "client.test", "--to", "a@a.test,b@b.test", "--header", $"Subject: tls {token}");

            Assert.True(exitCode == 0, output);
            Assert.Contains("<-  220 2.0.0 Ready to start TLS", output);
            Assert.Contains("=== TLS started", output);
            Assert.Contains("CN=edge.test", output);
            Assert.Contains("<~* 451 4.3.2 a mail is in maintenance", output);
            Assert.Contains("<~  250", output);
            var dump = await Poll.UntilAsync(() => Task.FromResult(DumpsWith(sink, token)), d => d.Count == 1, Deadline, $"message at the sink behind the MX; MX log: {mx.ReadLog()}");
            var text = File.ReadAllText(dump[0]);

            // The MX's Received header: the real client (XCLIENT) and TLS on the edge → MX leg.
            Assert.Contains("from client.test (unknown [127.0.0.7])", text);
            Assert.Contains("using TLS", text);
            Assert.Contains("with ESMTPS", text);
            Assert.Contains("TLS connection established from", mx.ReadLog());
        }
        finally
        {
            certs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SwaksTls_TempfailResponderOnSiteListener_SameRepliesInsideTls()
    {
        var certs = Directory.CreateTempSubdirectory("sorryedge-smtp-certs-");
        try
        {
            TestCertificates.WritePem(certs.FullName, "edge", "edge.test");
            var sites = new TestSmtpSiteSource(SmtpFrontIntegrationTests.Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt));
            await using var host = await SmtpFrontHost.StartAsync(sites, new Dictionary<string, string?> { ["Edge:Tls:CertificateDirectory"] = certs.FullName });

            var (exitCode, output) = await SwaksAsync(await host.PortAsync("127.0.0.1:0"), "--tls", "--to", "b@example.test");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("<-  250-STARTTLS", output);
            Assert.Contains("=== TLS started", output);
            Assert.Contains("<~  250 2.1.0 Ok", output);
            Assert.Contains("<~* 451 4.3.2 Example Ltd mail is in maintenance", output);
        }
        finally
        {
            certs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Shutdown_TwentySwaksSessionsWaitingAtRcpt_EachReads421NoReset()
    {
        await using var silent = new SilentMx();
        // One probe in the test's time (an hour's interval), so the MX's connection count is the probe plus the sessions.
        var sites = new TestSmtpSiteSource(SharedSmtpTestSites.Site("b", "b.test", SmtpMode.Passthrough, silent.Address, TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings(("Edge:Smtp:ShutdownGrace", "00:00:30")));
        var port = await host.PortAsync(SharedSmtpTestSites.Shared);

        var sessions = Enumerable.Range(0, 20).Select(i => SwaksAsync(port, "--to", $"u{i}@b.test", "--timeout", "60")).ToList();
        await Poll.UntilAsync(() => silent.Accepted >= 21, Deadline, "20 sessions waiting on the backend at RCPT");
        var started = DateTime.UtcNow;
        await host.StopAsync();
        var results = await Task.WhenAll(sessions);

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.All(results, r =>
        {
            Assert.Contains("<** 421 4.3.2 edge.test Service shutting down, closing connection", r.Output);
            Assert.DoesNotContain("reset", r.Output, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Shutdown_SessionInData_FinishesItsMessageWithinGraceWhileIdleOneGets421()
    {
        await using var sink = await SmtpSinkProcess.StartAsync();
        var sites = new TestSmtpSiteSource(SharedSmtpTestSites.Site("b", "b.test", SmtpMode.Passthrough, sink.Address));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings(("Edge:Smtp:ShutdownGrace", "00:00:30")));
        var port = await host.PortAsync(SharedSmtpTestSites.Shared);
        using var idle = await SmtpTestClient.ConnectAsync(port);
        using var sending = await SmtpTestClient.ConnectAsync(port);
        await idle.ReadReplyAsync();
        await sending.ReadReplyAsync();
        await sending.SendAsync("EHLO client.test\r\n");
        await sending.ReadReplyAsync();
        await sending.SendAsync("MAIL FROM:<s@client.test>\r\nRCPT TO:<u@b.test>\r\nDATA\r\n");
        Assert.Equal("250 2.1.0 Ok", await sending.ReadReplyAsync());
        Assert.StartsWith("250", await sending.ReadReplyAsync());
        Assert.StartsWith("354", await sending.ReadReplyAsync());
        var token = Guid.NewGuid().ToString("N");
        await sending.SendAsync($"Subject: grace {token}\r\n\r\nfirst half\r\n");

        var stopping = host.StopAsync();

        // The idle session is told at once; the one in DATA finishes and gets the backend's verdict.
        Assert.Equal("421 4.3.2 edge.test Service shutting down, closing connection", await idle.ReadLineAsync());
        Assert.False(stopping.IsCompleted);
        await sending.SendAsync("second half\r\n.\r\n");
        Assert.StartsWith("250", await sending.ReadReplyAsync());
        Assert.Equal("421 4.3.2 edge.test Service shutting down, closing connection", await sending.ReadLineAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("first half\nsecond half", File.ReadAllText(Assert.Single(DumpsWith(sink, token))).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Data_BareLfDotLine_EndsTheMessageForEdgeAndBackendAlike_NothingSmuggled()
    {
        // smtp-sink, like many MTAs, ends a message at a bare-LF dot line: had the edge relayed the
        // bytes as they came, the sink would have ended the message there and read the rest as
        // commands the edge never saw (SMTP smuggling).
        await using var sink = await SmtpSinkProcess.StartAsync();
        var sites = new TestSmtpSiteSource(SharedSmtpTestSites.Site("b", "b.test", SmtpMode.Passthrough, sink.Address));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings());
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(SharedSmtpTestSites.Shared));
        await client.ReadReplyAsync();
        await client.SendAsync("EHLO client.test\r\n");
        await client.ReadReplyAsync();
        await client.SendAsync("MAIL FROM:<s@client.test>\r\nRCPT TO:<u@b.test>\r\nDATA\r\n");
        Assert.Equal("250 2.1.0 Ok", await client.ReadReplyAsync());
        Assert.StartsWith("250", await client.ReadReplyAsync());
        Assert.StartsWith("354", await client.ReadReplyAsync());
        var token = Guid.NewGuid().ToString("N");

        await client.SendAsync($"Subject: bare lf {token}\r\n\r\nfirst line\nsecond line\n.\nRCPT TO:<smuggled@elsewhere.test>\r\n");

        // The edge ends the message where the sink does, answers the sink's verdict, and reads what
        // follows as its own command: a recipient outside a transaction is refused by the edge.
        Assert.StartsWith("250", await client.ReadReplyAsync());
        Assert.StartsWith("503", await client.ReadReplyAsync());
        var dump = File.ReadAllText(Assert.Single(await Poll.UntilAsync(() => Task.FromResult(DumpsWith(sink, token)), d => d.Count == 1, Deadline, "message at the sink")));
        Assert.Contains("first line\nsecond line\n", dump.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("smuggled", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flood_2000ConnectionsFromOneAddress_LimitedWhileAnotherAddressIsServed()
    {
        var sites = new TestSmtpSiteSource(SharedSmtpTestSites.Site("a", "a.test", SmtpMode.Tempfail, null));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings());
        var port = await host.PortAsync(SharedSmtpTestSites.Shared);
        var clients = new List<SmtpTestClient>();
        try
        {
            var greetings = new List<string?>();
            foreach (var batch in Enumerable.Range(0, 20))
            {
                var opened = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => SmtpTestClient.ConnectAsync(port)));
                clients.AddRange(opened);
                greetings.AddRange(await Task.WhenAll(opened.Select(c => c.ReadLineAsync())));
            }

            // While the flood's 20 sessions hold their slots, another client address gets a full dialogue.
            var (exitCode, output) = await SwaksAsync(port, "--local-interface", "127.0.0.5", "--to", "x@a.test");

            Assert.Equal(20, greetings.Count(g => g == "220 edge.test ESMTP"));
            Assert.Equal(1980, greetings.Count(g => g == "421 4.7.0 Too many connections, try again later"));
            Assert.NotEqual(0, exitCode);
            Assert.Contains("<-  220 edge.test ESMTP", output);
            Assert.Contains("<** 451 4.3.2 a mail is in maintenance", output);
            Assert.Single(host.Logs.Messages, m => m.Contains("SMTP connections from 127.0.0.1 refused", StringComparison.Ordinal));
            Assert.DoesNotContain(host.Logs.Messages, m => m.Contains("127.0.0.5 refused", StringComparison.Ordinal));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static string MxMainCf(string certs) => $"""
        master_service_disable =
        inet_interfaces = 127.0.0.1
        myhostname = mx.b.test
        mynetworks = 127.0.0.0/8
        smtpd_relay_restrictions = permit_mynetworks, reject
        smtpd_tls_security_level = may
        smtpd_tls_cert_file = {certs}/mx.crt
        smtpd_tls_key_file = {certs}/mx.key
        smtpd_tls_loglevel = 1
        smtpd_tls_received_header = yes
        smtpd_authorized_xclient_hosts = 127.0.0.0/8
        """;

    private static List<string> DumpsWith(SmtpSinkProcess sink, string token) =>
        [.. sink.Dumps().Where(d => File.ReadAllText(d).Contains(token, StringComparison.Ordinal))];

    /// <summary>smtp-sink's dump starts with the envelope it received (X-Rcpt-Args and the like) before the message.</summary>
    private static string EnvelopeOf(string dump)
    {
        var text = File.ReadAllText(dump);
        var end = text.IndexOf("Received: ", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static Task<(int ExitCode, string Output)> SwaksAsync(int port, params string[] extra)
    {
        List<string> arguments = ["--server", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--from", "s@client.test"];
        if (!extra.Contains("--to"))
        {
            arguments.AddRange(["--to", "b@b.test"]);
        }

        if (!extra.Contains("--timeout"))
        {
            arguments.AddRange(["--timeout", "20"]);
        }

        return ExternalProcess.RunAsync("/usr/bin/swaks", [.. arguments, .. extra], timeout: TimeSpan.FromSeconds(90));
    }
}
