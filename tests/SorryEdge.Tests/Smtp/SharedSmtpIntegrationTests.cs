using SorryEdge.Sites;

namespace SorryEdge.Tests.Smtp;

/// <summary>The shared listener with a raw client: routing answers that need no backend MX.</summary>
public sealed class SharedSmtpIntegrationTests
{
    [Fact]
    public async Task Rcpt_UnknownDomainTempfailSiteAndBadSyntax_AnsweredPerRecipient()
    {
        var sites = new TestSmtpSiteSource(
            SharedSmtpTestSites.Site("a", "a.test", SmtpMode.Tempfail, null),
            SharedSmtpTestSites.Site("w", "*.wild.test", SmtpMode.Auto, null));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings());
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(SharedSmtpTestSites.Shared));

        Assert.Equal("220 edge.test ESMTP", await client.ReadReplyAsync());
        await client.SendAsync("EHLO client.test\r\n");
        var ehlo = await client.ReadReplyAsync();
        Assert.Contains("250-PIPELINING", ehlo);
        Assert.DoesNotContain("SMTPUTF8", ehlo);
        Assert.DoesNotContain("STARTTLS", ehlo);
        await client.SendAsync("RCPT TO:<x@a.test>\r\n");
        Assert.Equal("503 5.5.1 Need MAIL command", await client.ReadReplyAsync());
        await client.SendAsync("MAIL FROM:<s@client.test>\r\nRCPT TO:<x@a.test>\r\nRCPT TO:<y@nobody.test>\r\nRCPT TO:<z@mx.wild.test>\r\nRCPT TO:<z@wild.test>\r\nRCPT TO:<broken>\r\nDATA\r\nQUIT\r\n");

        var lines = await client.ReadToEndAsync();

        Assert.Equal(
            [
                "250 2.1.0 Ok",
                "451 4.3.2 a mail is in maintenance",
                "554 5.7.1 <y@nobody.test>: Relay access denied",
                "451 4.3.2 w mail is in maintenance",
                "554 5.7.1 <z@wild.test>: Relay access denied",
                "501 5.1.3 Bad recipient address syntax",
                "503 5.5.1 No valid recipients",
                "221 2.0.0 Bye",
            ],
            lines);
    }

    [Fact]
    public async Task Shutdown_SessionsBetweenCommands_Each421AndClosed()
    {
        var sites = new TestSmtpSiteSource(SharedSmtpTestSites.Site("a", "a.test", SmtpMode.Tempfail, null));
        await using var host = await SmtpFrontHost.StartAsync(sites, SharedSmtpTestSites.Settings(("Edge:Smtp:ShutdownGrace", "00:00:30")));
        var port = await host.PortAsync(SharedSmtpTestSites.Shared);
        var clients = new List<SmtpTestClient>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var client = await SmtpTestClient.ConnectAsync(port);
                clients.Add(client);
                await client.ReadReplyAsync();
                await client.SendAsync("EHLO client.test\r\nMAIL FROM:<s@client.test>\r\n");
                await client.ReadReplyAsync();
                Assert.Equal("250 2.1.0 Ok", await client.ReadReplyAsync());
            }

            var started = DateTime.UtcNow;
            await host.StopAsync();

            // Nobody waited for the grace time: sessions between commands end at once.
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(15));
            foreach (var client in clients)
            {
                // A clean close after the 421: a reset would throw here instead of reading end of stream.
                var first = await client.ReadLineAsync();
                Assert.True(first == "421 4.3.2 edge.test Service shutting down, closing connection", string.Join("\n", host.Logs.Messages));
                Assert.Null(await client.ReadLineAsync());
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
