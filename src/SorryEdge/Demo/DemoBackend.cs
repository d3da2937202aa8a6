using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;

namespace SorryEdge.Demo;

/// <summary>
/// A small real backend for the demo appliance, on its own Kestrel listener, that can be
/// stopped and started so anyone can watch the edge take over and fail back.
/// </summary>
internal sealed partial class DemoBackend(IOptions<EdgeOptions> options, ILogger<DemoBackend> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    public bool Running => _app is not null;

    /// <summary>The backend's base URL once it has started.</summary>
    public string? Url { get; private set; }

    public async Task StartBackendAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is not null)
            {
                return;
            }

            var endpoint = ListenAddress.TryParse(options.Value.Demo.BackendListen, "http", out _)!;
            if (Url is not null)
            {
                // Come back on the same port so the configured site finds it again.
                endpoint = new IPEndPoint(endpoint.Address, new Uri(Url).Port);
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
            var app = builder.Build();
            var started = DateTimeOffset.UtcNow;
            app.MapGet("/", (HttpContext context) => Results.Content(Page(context.Request.Host.Value ?? "", started), "text/html; charset=utf-8"));
            app.MapGet("/health", () => Results.Text("ok"));
            await app.StartAsync(cancellationToken);
            Url = app.Urls.First();
            _app = app;
            LogStarted(Url);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopBackendAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is null)
            {
                return;
            }

            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
            _app = null;
            LogStopped();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static string Page(string host, DateTimeOffset started) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo shop</title>
        <style>body{font:1.05rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
        <body><h1>Demo shop — served by the backend</h1><p>This page comes from the demo backend (host {{WebUtility.HtmlEncode(host)}}), up since {{started:u}}.</p></body></html>
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo backend started at {Url}")]
    private partial void LogStarted(string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo backend stopped")]
    private partial void LogStopped();
}
