using Microsoft.Net.Http.Headers;

namespace StatusSite.Public;

/// <summary>Serves the in-memory public site with ETag, Last-Modified, a short public max-age and open CORS for GET.</summary>
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

    private static IResult Serve(HttpContext context, PublicSiteCache cache, Microsoft.Extensions.Options.IOptions<Options.StatusOptions> options)
    {
        var document = cache.Current.Find(context.Request.Path.Value ?? "/");
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        // Markdown is already sanitised; the policy is a second wall should anything slip through.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        if (document is null)
        {
            return Results.NotFound();
        }

        headers.CacheControl = $"public, max-age={options.Value.Page.MaxAgeSeconds}";
        headers.ETag = document.ETag;
        headers.LastModified = document.LastModified.ToString("R");
        var request = context.Request.GetTypedHeaders();
        if (request.IfNoneMatch.Any(t => t.Tag == document.ETag || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return HttpMethods.IsHead(context.Request.Method)
            ? Results.Empty
            : Results.Bytes(document.Body, document.ContentType);
    }
}
