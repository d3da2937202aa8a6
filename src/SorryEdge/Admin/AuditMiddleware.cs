using Microsoft.AspNetCore.Http;
using SorryEdge.Hosting;

namespace SorryEdge.Admin;

/// <summary>Records every admin API call — refused ones too — once its answer is known.</summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.GetEndpoint()?.Metadata.GetMetadata<AdminEndpointMetadata>() is null)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            var principal = AdminAuthFilter.TryPrincipal(context);
            var site = context.Request.RouteValues.TryGetValue("id", out var id) && context.Request.Path.StartsWithSegments("/api/v1/sites", StringComparison.Ordinal)
                ? id as string
                : null;
            await audit.RecordAsync(principal?.TokenId, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, site, CancellationToken.None);
        }
    }
}
