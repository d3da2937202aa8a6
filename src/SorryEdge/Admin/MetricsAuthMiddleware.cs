using Microsoft.AspNetCore.Http;
using SorryEdge.Hosting;

namespace SorryEdge.Admin;

/// <summary>
/// <c>/metrics</c> names every customer's sites, and the admin listener also serves the
/// customer portal: scraping takes a staff token (Prometheus: <c>authorization: credentials</c>).
/// </summary>
public sealed class MetricsAuthMiddleware(RequestDelegate next, IAdminTokenValidator validator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path != "/metrics" || context.Features.Get<EdgeListenerFeature>()?.Kind != ListenerKind.Admin)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var principal = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? await validator.ValidateAsync(header[7..].Trim(), context.RequestAborted)
            : null;
        if (principal is not { IsStaff: true })
        {
            context.Response.StatusCode = principal is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        await next(context);
    }
}
