using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SorryEdge.Health;
using Yarp.ReverseProxy.Model;

namespace SorryEdge.Proxy;

/// <summary>
/// Runs after load balancing: ties the request to its chosen destination, so that when probes
/// declare that destination down, a request still waiting for its response is cancelled and
/// answered by the edge at once instead of hanging until the response timeout.
/// </summary>
public sealed class DestinationWatchMiddleware(RequestDelegate next, DestinationHealthTracker tracker)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        if (proxy.AvailableDestinations.Count != 1)
        {
            await next(context);
            return;
        }

        var original = context.Features.Get<IHttpRequestLifetimeFeature>()!;
        var down = tracker.GetDownToken(proxy.Cluster.Config.ClusterId, proxy.AvailableDestinations[0].DestinationId);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(original.RequestAborted);
        using var registration = down.UnsafeRegister(
            static state =>
            {
                var (ctx, source) = ((HttpContext, CancellationTokenSource))state!;
                // Only requests with no response yet: a download in progress is left alone.
                if (!ctx.Response.HasStarted)
                {
                    source.Cancel();
                }
            },
            (context, cancel));
        context.Features.Set<IHttpRequestLifetimeFeature>(new LinkedLifetimeFeature(original, cancel.Token));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }
    }
}
