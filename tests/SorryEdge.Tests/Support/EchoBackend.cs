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

    private EchoBackend(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Completed when a <c>/big</c> answer was cut before its end (the edge let go of the backend).</summary>
    public TaskCompletionSource BigAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var backend = new EchoBackend(app);
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
