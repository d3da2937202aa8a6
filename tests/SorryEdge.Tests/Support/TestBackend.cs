using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Tests.Support;

/// <summary>
/// A real backend on Kestrel at 127.0.0.1: answers <c>backend:NAME</c>, can be killed and
/// started again on the same port, and has a <c>/slow</c> endpoint for requests in flight.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;

    private TestBackend(string name) => Name = name;

    public string Name { get; }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Body => "backend:" + Name;

    public int Hits;

    /// <summary>Client addresses whose connections are cut at once: "unreachable" from that edge only.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<IPAddress, bool> Refused { get; } = new();

    /// <summary>While set, every request (probes too) is accepted and then never answered.</summary>
    public TaskCompletionSource? Hang { get; set; }

    public static async Task<TestBackend> StartAsync(string name)
    {
        var backend = new TestBackend(name);
        await backend.StartAsync();
        return backend;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } client && Refused.ContainsKey(client))
            {
                context.Abort();
                return;
            }

            if (Hang is { } hang)
            {
                Interlocked.Increment(ref Hits);
                await hang.Task.WaitAsync(context.RequestAborted);
            }

            await next(context);
        });
        app.MapGet("/health", () => "ok");
        app.MapGet("/slow", async (int ms) =>
        {
            Interlocked.Increment(ref Hits);
            await Task.Delay(ms); // wait-ok: the backend's own response time, not a test wait
            return Body;
        });
        app.Map("/{**path}", (HttpContext context) =>
        {
            Interlocked.Increment(ref Hits);
            context.Response.Headers["X-Seen-Host"] = context.Request.Host.Value;
            return Results.Text(Body);
        });
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    /// <summary>Stops the backend: its port refuses connections from now on.</summary>
    public async Task KillAsync()
    {
        Hang?.TrySetResult();
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(new CancellationToken(canceled: true));
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
