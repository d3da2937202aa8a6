using System.Net;
using Microsoft.AspNetCore.Http;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>
/// Records admin API calls that never reached the <see cref="AuditFilter"/> (refused by routing
/// or failed with an exception) once their answer is known. Unauthenticated refusals are sampled
/// per client so a flood does not write a row per request.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, AuditSampler sampler)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.GetEndpoint()?.Metadata.GetMetadata<AdminEndpointMetadata>() is null)
        {
            await next(context);
            return;
        }

        context.Items[typeof(AuditSampler)] = sampler;
        try
        {
            await next(context);
        }
        finally
        {
            if (!AuditFilter.Recorded(context))
            {
                try
                {
                    await RecordAsync(context, audit, context.Response.StatusCode);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The answer is already sent; a failed audit insert must not turn it into a reset.
                    sampler.LogFailed(context.Request.Method, context.Request.Path.Value ?? "", ex);
                }
            }
        }
    }

    /// <summary>Writes the call's row; an unauthenticated refusal only when the sampler says so.</summary>
    internal static async Task RecordAsync(HttpContext context, AuditLog audit, int status, string? action = null)
    {
        var principal = context.User.ToAdminPrincipal();
        var path = context.Request.Path.Value ?? "";
        if (principal is null && status is StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests
            && context.Items[typeof(AuditSampler)] is AuditSampler sampler)
        {
            var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
            if (sampler.Sample(address) is not { } suppressed)
            {
                return;
            }

            if (suppressed > 0)
            {
                path += $" [+{suppressed} more refused from {address} not written]";
            }
        }

        var site = context.Request.RouteValues.TryGetValue("id", out var id) && context.Request.Path.StartsWithSegments("/api/v1/sites", StringComparison.Ordinal)
            ? id as string
            : null;
        await audit.RecordAsync(principal?.TokenId, context.Request.Method, path, status, site, action, CancellationToken.None);
    }
}
