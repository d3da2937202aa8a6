using Microsoft.AspNetCore.Http;
using SorryEdge.Hosting;

namespace SorryEdge.Admin;

/// <summary>
/// <c>/metrics</c> names every customer's sites, and the admin listener also serves the
/// customer portal: scraping takes a staff token (Prometheus: <c>authorization: credentials</c>).
/// The OpenAPI document takes any valid token. Failed tokens count towards the guess throttle.
/// </summary>
public sealed class MetricsAuthMiddleware(RequestDelegate next, IAdminTokenValidator validator, GuessThrottle throttle)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var openApi = context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
        if ((context.Request.Path != "/metrics" && !openApi) || context.Features.Get<EdgeListenerFeature>()?.Kind != ListenerKind.Admin)
        {
            await next(context);
            return;
        }

        if (throttle.Refusal(context) is { } refused)
        {
            await refused.ExecuteAsync(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var principal = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await validator.ValidateAsync(header[7..].Trim(), context.RequestAborted)
            : null;
        if (principal is null)
        {
            throttle.Failed(context);
        }

        if (principal is null || (!openApi && !principal.IsStaff))
        {
            context.Response.StatusCode = principal is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        await next(context);
    }
}
