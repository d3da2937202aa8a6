using Microsoft.Net.Http.Headers;

namespace StatusSite.Public;

/// <summary>
/// Serves the in-memory public site with ETag, Last-Modified, a short public max-age and open CORS
/// for GET: documents the cache holds are answered by <see cref="PublicSiteMiddleware"/> ahead of
/// routing, authentication and rate limiting; these endpoints answer the rest (404).
/// </summary>
internal static class PublicEndpoints
{
    public static IEndpointRouteBuilder MapPublicSite(this IEndpointRouteBuilder app)
    {
        string[] paths =
        [
            "/", "/incidents/{id}", "/history.atom", "/history.rss", "/maintenance.ics",
            "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json",
            "/api/v2/incidents/unresolved.json", "/api/v2/scheduled-maintenances.json",
            "/api/v2/scheduled-maintenances/upcoming.json", "/api/v2/scheduled-maintenances/active.json",
        ];
        foreach (var path in paths)
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], Serve).AllowAnonymous();
        }

        return app;
    }

    /// <summary>The fallback for a path the cache does not hold (a 404 with the same headers); held documents never get here.</summary>
    private static Task Serve(HttpContext context, PublicSiteCache cache, Microsoft.Extensions.Options.IOptions<StatusPageOptions> options) =>
        WriteAsync(context, cache.Current.Find(context.Request.Path.Value ?? "/"), CacheControl(options.Value));

    public static string CacheControl(StatusPageOptions page) => $"public, max-age={page.MaxAgeSeconds}";

    /// <summary>Writes a public document (or its 404) with ETag, Last-Modified, a short public max-age and open CORS.</summary>
    public static Task WriteAsync(HttpContext context, PublicDocument? document, string cacheControl)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        // Markdown is already sanitised; the policy is a second wall should anything slip through.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        if (document is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        headers.CacheControl = cacheControl;
        headers.ETag = document.ETag;
        headers.LastModified = document.LastModifiedText;
        // Parsed only when a client sent it (a revalidation), not on every request.
        if (context.Request.Headers.IfNoneMatch.Count > 0
            && context.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag == document.ETag || t.Equals(EntityTagHeaderValue.Any)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        response.ContentType = document.ContentType;
        response.ContentLength = document.Body.Length;
        return response.Body.WriteAsync(document.Body).AsTask();
    }
}
