using System.Net.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SorryEdge.Health;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// Forwards a request of a site with YARP's direct forwarder to a destination of our own
/// choosing (<see cref="DestinationSelector"/>), and tells the caller when the edge must answer
/// instead: forwarding failed before a response started. A refused, reset or timed-out connection
/// marks the destination down at once (passive health); GET and HEAD first try another available
/// destination. A request waiting on a destination that the probes declare down is cancelled at
/// once instead of hanging until the response timeout.
/// </summary>
internal sealed partial class SiteForwarder(IHttpForwarder forwarder, SiteRoutes routes, DestinationHealthTracker tracker, ILogger<SiteForwarder> logger)
{
    /// <summary>Whether any backend of the site may take a request now.</summary>
    public bool CanForward(SiteEntry entry) => DestinationSelector.AnyAvailable(routes.For(entry), tracker.Availability(entry.Id));

    /// <summary>Forwards the request; answers false when nothing was sent and the edge must answer for the site.</summary>
    public async ValueTask<bool> TryForwardAsync(HttpContext context, SiteEntry entry)
    {
        var route = routes.For(entry);
        var clientAborted = context.RequestAborted;
        var retryable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        List<RouteDestination>? tried = null;
        while (true)
        {
            var availability = tracker.Availability(entry.Id);
            if (DestinationSelector.Pick(route, availability, tried, Random.Shared.NextDouble()) is not { } destination)
            {
                return false;
            }

            var error = await SendAsync(context, route, destination, availability.DownToken(destination.Id));
            if (error == ForwarderError.None || context.Response.HasStarted || clientAborted.IsCancellationRequested)
            {
                return true;
            }

            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (error == ForwarderError.RequestBodyClient)
            {
                // The client sent a broken body (bad chunking, shorter than Content-Length) or sent
                // it too slowly: its fault, not the backend's — a 400 (408), not the sorry page, not a rescue.
                var status = FindBadRequest(exception)?.StatusCode ?? StatusCodes.Status400BadRequest;
                LogBadRequestBody(entry.Id, status, exception?.GetBaseException().Message);
                context.Response.StatusCode = status;
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync($"{status} {ReasonPhrases.GetReasonPhrase(status)}: the request body was malformed, incomplete or too slow.\n");
                return true;
            }

            // YARP reports SocketsHttpHandler's connect timeout as RequestTimedOut, not Request.
            var connectionFailed = error is ForwarderError.Request or ForwarderError.RequestTimedOut && IsConnectionFailure(exception);
            if (connectionFailed)
            {
                tracker.RecordConnectionFailure(entry, destination.Id, ProbeResult.Describe(exception));
            }

            LogForwardFailed(entry.Id, destination.Id, error, exception?.GetBaseException().Message);
            // A response timeout is not retried (it already took long); a connect timeout is.
            if (!retryable || (error == ForwarderError.RequestTimedOut && !connectionFailed))
            {
                return false;
            }

            (tried ??= []).Add(destination);
        }
    }

    /// <summary>
    /// Sends to one destination. While it may still be declared down, the forwarder sees a
    /// cancellation the edge can trigger (only for a request with no response yet: a download in
    /// progress is left alone), and <see cref="IHttpRequestLifetimeFeature.Abort"/> still aborts the real connection.
    /// </summary>
    private ValueTask<ForwarderError> SendAsync(HttpContext context, SiteRoute route, RouteDestination destination, CancellationToken down)
    {
        if (!down.CanBeCanceled)
        {
            return forwarder.SendAsync(context, destination.Prefix, route.Client, route.RequestConfig, EdgeTransformer.Instance);
        }

        return SendWatchedAsync(context, route, destination, down);
    }

    private async ValueTask<ForwarderError> SendWatchedAsync(HttpContext context, SiteRoute route, RouteDestination destination, CancellationToken down)
    {
        var original = context.Features.Get<IHttpRequestLifetimeFeature>()!;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(original.RequestAborted);
        using var registration = down.UnsafeRegister(
            static state =>
            {
                var (ctx, source) = ((HttpContext, CancellationTokenSource))state!;
                if (!ctx.Response.HasStarted)
                {
                    source.Cancel();
                }
            },
            (context, cancel));
        context.Features.Set<IHttpRequestLifetimeFeature>(new LinkedLifetimeFeature(original, cancel.Token));
        try
        {
            return await forwarder.SendAsync(context, destination.Prefix, route.Client, route.RequestConfig, EdgeTransformer.Instance);
        }
        finally
        {
            context.Features.Set(original);
        }
    }

    /// <summary>A refused, reset or unreachable connection, or a connect timeout: the backend is not there.</summary>
    public static bool IsConnectionFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }

            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.TimedOut or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.ConnectionAborted })
            {
                return true;
            }

            if (e is TimeoutException)
            {
                // SocketsHttpHandler.ConnectTimeout surfaces as a TimeoutException inside the cancellation.
                return true;
            }
        }

        return false;
    }

    private static BadHttpRequestException? FindBadRequest(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException bad)
            {
                return bad;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A request to {Site} had a malformed or too slow body ({Reason}); answered {Status}")]
    private partial void LogBadRequestBody(string site, int status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarding to {Site}/{Destination} failed with {Error} ({Reason}); the edge answered instead")]
    private partial void LogForwardFailed(string site, string? destination, ForwarderError error, string? reason);
}
