using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Tests.Support;

/// <summary>
/// A real backend that shows what reached it: <c>/headers</c> echoes the request headers,
/// <c>/upload</c> reads the whole body, <c>/big</c> streams 64 MB and notes when the edge gave up on it.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _bigConnections = new();

    private EchoBackend(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Completed when a <c>/big</c> request reached the backend.</summary>
    public TaskCompletionSource BigStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when a <c>/big</c> answer was cut before its end or its connection closed (the edge let go of the backend).</summary>
    public TaskCompletionSource BigAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        EchoBackend? backend = null;
        // The edge keeps connections to a backend open between requests; the one that carried a /big
        // answer closes only if the edge gave up on that answer (Kestrel does not always signal
        // RequestAborted for a peer that closed while the handler was writing).
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => async connection =>
        {
            try
            {
                await next(connection);
            }
            finally
            {
                if (backend!._bigConnections.ContainsKey(connection.ConnectionId))
                {
                    backend.BigAborted.TrySetResult();
                }
            }
        })));
        var app = builder.Build();
        backend = new EchoBackend(app);
        app.MapGet("/health", () => "ok");
        app.MapGet("/headers", (HttpContext context) =>
            Results.Text(string.Join("\n", context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"))));
        app.MapPost("/upload", async (HttpContext context) =>
        {
            var total = 0L;
            var buffer = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
            }

            return Results.Text($"read {total}");
        });
        app.MapGet("/big", async (HttpContext context) =>
        {
            // Kestrel may complete writes on an aborted connection without throwing: watch the token itself.
            backend._bigConnections[context.Connection.Id] = true;
            backend.BigStarted.TrySetResult();
            using var aborted = context.RequestAborted.Register(() => backend.BigAborted.TrySetResult());
            var chunk = new byte[64 * 1024];
            try
            {
                for (var i = 0; i < 1024 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                backend.BigAborted.TrySetResult();
            }
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
    }
}
