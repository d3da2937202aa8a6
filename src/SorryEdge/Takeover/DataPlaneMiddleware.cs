using Microsoft.AspNetCore.Http;
using SorryEdge.Http;
using SorryEdge.Proxy;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>
/// The whole data plane, ahead of endpoint routing (which serves only the admin listener):
/// Host → site (the catalog's lookup) → the reserved <c>/.sorry/</c> assets and bypass → the
/// takeover decision → the site's answer, or forwarding. A request whose forwarding failed
/// before a response started gets the site's takeover answer, never a 502.
/// </summary>
internal sealed class DataPlaneMiddleware(RequestDelegate next, SiteCatalog catalog, TakeoverResponder responder, SiteForwarder forwarder, EdgeContent content, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Features.Get<EdgeListenerFeature>()?.Kind == ListenerKind.Admin ? next(context) : ServeAsync(context);

    private async Task ServeAsync(HttpContext context)
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

        if (await responder.TryServeReservedAsync(context, entry))
        {
            return;
        }

        var site = entry.Site;
        var answer = TakeoverDecision.Decide(new DecisionInput(
            site.Mode, site.ModeUntil, site.Schedules, site.Action,
            BypassMatcher.IsBypassed(context, entry),
            forwarder.CanForward(entry),
            entry.Record.Latched,
            time.GetUtcNow()));
        if (answer != Answer.Forward)
        {
            await responder.WriteAsync(context, entry, answer, "decision");
            return;
        }

        if (!await forwarder.TryForwardAsync(context, entry))
        {
            await responder.WriteAsync(context, entry, site.Action == TakeoverAction.Redirect ? Answer.Redirect : Answer.Sorry, "rescued");
        }
    }
}
