using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SorryEdge.Health;
using SorryEdge.Proxy;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Takeover;

/// <summary>
/// First step of the proxy pipeline: answers for the site when its mode or health says so, and
/// rescues a request whose forwarding failed before a response started — a visitor gets the
/// site's takeover answer, never a 502. GET and HEAD first try another healthy backend.
/// </summary>
public sealed partial class TakeoverMiddleware(RequestDelegate next, SiteCatalog catalog, TakeoverResponder responder, TimeProvider time, ILogger<TakeoverMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var entry = catalog.Find(proxy.Route.Config.RouteId);
        if (entry is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (await responder.TryServeReservedAsync(context, entry))
        {
            return;
        }

        var site = entry.Site;
        var answer = TakeoverDecision.Decide(new DecisionInput(
            site.Mode, site.ModeUntil, site.Schedules, site.Action,
            BypassMatcher.IsBypassed(context, entry),
            proxy.AvailableDestinations.Count > 0,
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

            tried ??= [];
            if (proxy.ProxiedDestination is { } failed)
            {
                tried.Add(failed);
            }

            LogForwardFailed(entry.Id, proxy.ProxiedDestination?.DestinationId, error.Error, error.Exception?.GetBaseException().Message);
            var remaining = retryable && error.Error != ForwarderError.RequestTimedOut
                ? proxy.Route.Cluster!.DestinationsState.AvailableDestinations.Where(d => !tried.Contains(d)).ToList()
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Forwarding to {Site}/{Destination} failed with {Error} ({Reason}); the edge answered instead")]
    private partial void LogForwardFailed(string site, string? destination, ForwarderError error, string? reason);
}
