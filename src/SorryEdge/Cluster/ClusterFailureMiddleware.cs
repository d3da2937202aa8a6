using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SorryEdge.Cluster;

/// <summary>
/// Turns a write the cluster store did not take into a clear answer: 503 (etcd unreachable: the
/// write was not accepted, nothing changed) or 409 (another node kept winning the race), as
/// problem+json, for the admin API and the portal alike.
/// </summary>
internal sealed class ClusterFailureMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ClusterUnavailableException ex) when (!context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = "5";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The cluster store is unavailable",
                "The change was not accepted and nothing was changed; this edge serves the last known state. Retry when the store is back. (" + ex.Message + ")");
        }
        catch (ClusterConflictException ex) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, StatusCodes.Status409Conflict, "The change conflicted with changes made on other edges", ex.Message);
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
