using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SorryEdge.Configuration;
using SorryEdge.Events;
using SorryEdge.Hosting;
using SorryEdge.Smtp;
using SorryEdge.Tests.Support;
using SorryEdge.Tls;

namespace SorryEdge.Tests.Smtp;

/// <summary>The SMTP front in a real Kestrel host on 127.0.0.1, fed by a test site source.</summary>
internal sealed class SmtpFrontHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmtpFrontHost(WebApplication app, TestSmtpSiteSource sites, RecordingEventRecorder events, CapturingLoggerProvider logs)
    {
        _app = app;
        Sites = sites;
        Events = events;
        Logs = logs;
    }

    public TestSmtpSiteSource Sites { get; }

    public RecordingEventRecorder Events { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SmtpFrontHost> StartAsync(TestSmtpSiteSource sites, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        var config = new Dictionary<string, string?> { ["Edge:Smtp:Hostname"] = "edge.test" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var events = new RecordingEventRecorder();
        builder.Services.AddSingleton<ISmtpSiteSource>(sites);
        builder.Services.AddSingleton<IEventRecorder>(events);
        if (config.ContainsKey("Edge:Tls:CertificateDirectory"))
        {
            // STARTTLS with the edge's own certificate store, as the full edge wires it.
            builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.SectionName);
            builder.Services.AddSingleton<CertificateStore>();
            builder.Services.AddSingleton<ISmtpCertificateSource>(sp => sp.GetRequiredService<CertificateStore>());
        }

        builder.Services.AddSmtpFront(builder.Configuration);
        var app = builder.Build();
        await app.StartAsync();
        return new SmtpFrontHost(app, sites, events, logs);
    }

    /// <summary>The port bound for a listen string (port 0 resolved), once bound.</summary>
    public async Task<int> PortAsync(string listen)
    {
        var manager = _app.Services.GetRequiredService<SmtpListenerManager>();
        await Poll.UntilAsync(() => manager.BoundEndPoints.ContainsKey(listen), what: $"listener {listen} bound");
        return ((IPEndPoint)manager.BoundEndPoints[listen]).Port;
    }

    public bool IsBound(string listen) => _app.Services.GetRequiredService<SmtpListenerManager>().BoundEndPoints.ContainsKey(listen);

    /// <summary>Stops the host (the SMTP front drains) without disposing it.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
