using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SorryEdge.Health;
using SorryEdge.Proxy;
using SorryEdge.Sites;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Takeover;

/// <summary>
/// First step of the proxy pipeline: answers for the site when its mode or health says so, and
/// rescues a request whose forwarding failed before a response started — a visitor gets the
/// site's takeover answer, never a 502. GET and HEAD first try another healthy backend.
/// </summary>
public sealed partial class TakeoverMiddleware(RequestDelegate next, SiteCatalog catalog, TakeoverResponder responder, IProxyStateLookup proxyState, EdgeContent content, TimeProvider time, ILogger<TakeoverMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var entry = catalog.FindByHost(context.Request.Host.Host);
        if (entry is null)
        {
            // A load balancer in front of the edge checks it with any Host; nobody else gets a page here.
            if (context.Request.Path == "/healthz")
            {
                await context.Response.WriteAsync("ok");
                return;
            }

            await NotFound.WriteAsync(context, content);
            return;
        }

        // Just created and not yet in YARP's state: no destination is known, the site answers itself.
        var hasCluster = proxyState.TryGetCluster(entry.Id, out var cluster);
        if (hasCluster)
        {
            context.ReassignProxyRequest(cluster!);
        }

        var proxy = context.GetReverseProxyFeature();

        if (await responder.TryServeReservedAsync(context, entry))
        {
            return;
        }

        var site = entry.Site;
        var answer = TakeoverDecision.Decide(new DecisionInput(
            site.Mode, site.ModeUntil, site.Schedules, site.Action,
            BypassMatcher.IsBypassed(context, entry),
            hasCluster && proxy.AvailableDestinations.Count > 0,
            entry.Record.Latched,
            time.GetUtcNow()));
        if (answer != Answer.Forward)
        {
            await responder.WriteAsync(context, entry, answer, "decision");
            return;
        }

        var clientAborted = context.RequestAborted;
        var retryable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        List<DestinationState>? tried = null;
        while (true)
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted || clientAborted.IsCancellationRequested)
            {
                return;
            }

            if (error.Error == ForwarderError.RequestBodyClient)
            {
                // The client sent a broken body (bad chunking, shorter than Content-Length) or sent
                // it too slowly: its fault, not the backend's — a 400 (408), not the sorry page, not a rescue.
                var status = FindBadRequest(error.Exception)?.StatusCode ?? StatusCodes.Status400BadRequest;
                LogBadRequestBody(entry.Id, status, error.Exception?.GetBaseException().Message);
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.Clear();
                context.Response.StatusCode = status;
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync($"{status} {ReasonPhrases.GetReasonPhrase(status)}: the request body was malformed, incomplete or too slow.\n");
                return;
            }

            tried ??= [];
            if (proxy.ProxiedDestination is { } failed)
            {
                tried.Add(failed);
            }

            LogForwardFailed(entry.Id, proxy.ProxiedDestination?.DestinationId, error.Error, error.Exception?.GetBaseException().Message);
            // A response timeout is not retried (it already took long); a connect timeout is.
            var remaining = retryable && (error.Error != ForwarderError.RequestTimedOut || Health.PassiveFailurePolicy.IsConnectionFailure(error.Exception))
                ? cluster!.DestinationsState.AvailableDestinations.Where(d => !tried.Contains(d)).ToList()
                : [];
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (remaining.Count == 0)
            {
                await responder.WriteAsync(context, entry, site.Action == TakeoverAction.Redirect ? Answer.Redirect : Answer.Sorry, "rescued");
                return;
            }

            proxy.AvailableDestinations = remaining;
        }
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
