using System.Net;
using System.Net.Sockets;
using SorryEdge.Sites;
using SorryEdge.Smtp;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpFrontIntegrationTests
{
    private const string Listen = "127.0.0.1:0";
    private const string Message = "Example Ltd mail is in maintenance";

    [Fact]
    public async Task Connect_TempfailAtGreeting_Gets421AndClose()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(Site(SmtpMode.Tempfail, SmtpDeferAt.Greeting)));
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(Listen));

        var lines = await client.ReadToEndAsync();

        Assert.Equal([$"421 4.3.2 edge.test {Message}"], lines);
    }

    [Fact]
    public async Task Dialogue_TempfailAtRcpt_Defers451AndRefusesData()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt)));
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(Listen));

        Assert.Equal("220 edge.test ESMTP", await client.ReadReplyAsync());
        await client.SendAsync("EHLO client.test\r\n");
        Assert.Contains("250 SMTPUTF8", await client.ReadReplyAsync());
        await client.SendAsync("MAIL FROM:<a@client.test>\r\n");
        Assert.Equal("250 2.1.0 Ok", await client.ReadReplyAsync());
        await client.SendAsync("RCPT TO:<b@example.test>\r\n");
        Assert.Equal($"451 4.3.2 {Message}", await client.ReadReplyAsync());
        await client.SendAsync("DATA\r\n");
        Assert.Equal("503 5.5.1 No valid recipients", await client.ReadReplyAsync());
        await client.SendAsync("QUIT\r\n");
        Assert.Equal(["221 2.0.0 Bye"], await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Pipelining_WholeTransactionInOneWrite_RepliesInOrder()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(Site(SmtpMode.Tempfail, SmtpDeferAt.Rcpt)));
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(Listen));
        await client.ReadReplyAsync();

        await client.SendAsync("EHLO c.test\r\nMAIL FROM:<a@c.test>\r\nRCPT TO:<b@e.test>\r\nRCPT TO:<c@e.test>\r\nDATA\r\nRSET\r\nNOOP\r\nQUIT\r\n");
        var lines = await client.ReadToEndAsync();

        var codes = lines.Where(l => l[3] == ' ').Select(l => l[..3]).ToList();
        Assert.Equal(["250", "250", "451", "451", "503", "250", "250", "221"], codes);
    }

    [Fact]
    public async Task Auto_BackendUp_SplicesToBackendWithProxyHeader()
    {
        await using var mx = new FakeMx();
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(Site(SmtpMode.Auto, SmtpDeferAt.Greeting) with { }));
        host.Sites.Update("s1", s => s with { Backend = mx.Address, ProxyProtocol = ProxyProtocolVersion.V1 });
        var port = await host.PortAsync(Listen);
        using var client = await SmtpTestClient.ConnectAsync(port);

        Assert.Equal("220 fake.mx ESMTP", await client.ReadReplyAsync());
        await client.SendAsync("QUIT\r\n");
        Assert.Equal(["221 2.0.0 fake bye"], await client.ReadToEndAsync());

        var local = (IPEndPoint)client.Socket.LocalEndPoint!;
        Assert.Contains($"PROXY TCP4 127.0.0.1 127.0.0.1 {local.Port} {port}", mx.Received);
        Assert.Contains("PROXY UNKNOWN", mx.Received);
    }

    [Fact]
    public async Task Auto_BackendRefuses_RescuedByTempfailAndMarkedDown()
    {
        var deadPort = FreePort.Next();
        var sites = new TestSmtpSiteSource(Site(SmtpMode.Auto, SmtpDeferAt.Rcpt));
        await using var host = await SmtpFrontHost.StartAsync(sites);
        sites.Update("s1", s => s with { Backend = $"127.0.0.1:{deadPort}" });
        using var client = await SmtpTestClient.ConnectAsync(await host.PortAsync(Listen));

        Assert.Equal("220 edge.test ESMTP", await client.ReadReplyAsync());
        await Poll.UntilAsync(() => host.Events.Events.Any(e => e.Kind == "smtp.backend.down" && e.SiteId == "s1"), what: "backend down event");
    }

    [Fact]
    public async Task ModeSwitch_NextConnection_UsesNewModeOnSameListener()
    {
        await using var mx = new FakeMx();
        var sites = new TestSmtpSiteSource(Site(SmtpMode.Passthrough, SmtpDeferAt.Greeting));
        await using var host = await SmtpFrontHost.StartAsync(sites);
        sites.Update("s1", s => s with { Backend = mx.Address });
        var port = await host.PortAsync(Listen);
        using (var first = await SmtpTestClient.ConnectAsync(port))
        {
            Assert.Equal("220 fake.mx ESMTP", await first.ReadReplyAsync());
        }

        sites.Update("s1", s => s with { Mode = SmtpMode.Tempfail });
        using var second = await SmtpTestClient.ConnectAsync(port);

        Assert.StartsWith("421 4.3.2", await second.ReadReplyAsync());
        Assert.Equal(port, await host.PortAsync(Listen));
    }

    [Fact]
    public async Task SiteChanges_AddAndRemoveListeners_AtRunTime()
    {
        var sites = new TestSmtpSiteSource();
        await using var host = await SmtpFrontHost.StartAsync(sites);
        Assert.False(host.IsBound(Listen));

        sites.Set(Site(SmtpMode.Tempfail, SmtpDeferAt.Greeting));
        var port = await host.PortAsync(Listen);
        using (var client = await SmtpTestClient.ConnectAsync(port))
        {
            Assert.StartsWith("421 4.3.2", await client.ReadReplyAsync());
        }

        sites.Set();
        await Poll.UntilAsync(() => !host.IsBound(Listen), what: "listener unbound");
        await Assert.ThrowsAnyAsync<SocketException>(() => SmtpTestClient.ConnectAsync(port));
    }

    internal static SmtpSite Site(SmtpMode mode, SmtpDeferAt deferAt) =>
        TestSmtpSiteSource.Site("s1", new SmtpSettings { Listen = [Listen], Mode = mode, DeferAt = deferAt, Message = Message });
}
