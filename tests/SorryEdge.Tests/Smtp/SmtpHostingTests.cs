using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using SorryEdge.Events;
using SorryEdge.Sites;
using SorryEdge.Smtp;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

/// <summary>How the front sits in the host: Kestrel's transport, a static listener, options validation, metrics.</summary>
public sealed class SmtpHostingTests
{
    [Fact]
    public async Task AddSmtpFront_InWebApplication_UsesKestrelsSocketTransportFromDi()
    {
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource());

        Assert.IsType<SocketTransportFactory>(host.Services.GetService<IConnectionListenerFactory>());
    }

    [Fact]
    public async Task UseConnectionHandler_StaticKestrelListener_ResolvesSiteByLocalEndpoint()
    {
        var port = FreePort.Next();
        var sites = new TestSmtpSiteSource();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseConnectionHandler<SmtpConnectionHandler>()));
        builder.Services.AddSingleton<ISmtpSiteSource>(sites);
        builder.Services.AddSingleton<IEventRecorder>(new RecordingEventRecorder());
        builder.Services.AddSmtpFront(builder.Configuration);
        await using var app = builder.Build();
        await app.StartAsync();

        // Added after start, so the static listener already owns the port (the manager's own bind is refused and logged).
        sites.Set(TestSmtpSiteSource.Site("static", new SmtpSettings { Listen = [$"127.0.0.1:{port}"], Mode = SmtpMode.Tempfail, Message = "static listener" }));
        using var client = await SmtpTestClient.ConnectAsync(port);

        Assert.EndsWith("static listener", await client.ReadReplyAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Start_InvalidOptions_FailsNamingTheKey()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Edge:Smtp:MaxErrors"] = "0" });
        builder.Services.AddSingleton<ISmtpSiteSource>(new TestSmtpSiteSource());
        builder.Services.AddSingleton<IEventRecorder>(new RecordingEventRecorder());
        builder.Services.AddSmtpFront(builder.Configuration);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Edge:Smtp:MaxErrors", error.Message);
    }

    [Fact]
    public async Task Sessions_ByOutcome_AreCounted()
    {
        var siteId = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var site = TestSmtpSiteSource.Site(siteId, new SmtpSettings { Listen = ["127.0.0.1:0"], Mode = SmtpMode.Tempfail });
        await using var host = await SmtpFrontHost.StartAsync(new TestSmtpSiteSource(site));
        using (var client = await SmtpTestClient.ConnectAsync(await host.PortAsync("127.0.0.1:0")))
        {
            Assert.StartsWith("421 4.3.2", await client.ReadReplyAsync());
        }

        await Poll.UntilAsync(() => Scrape().Contains($"sorryedge_smtp_sessions_total{{site=\"{siteId}\",outcome=\"tempfail\"}} 1", StringComparison.Ordinal), what: "session counted");
    }

    private static string Scrape()
    {
        using var stream = new MemoryStream();
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
