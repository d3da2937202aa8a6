using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SorryEdge.Http;
using SorryEdge.Pages;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Admin;

/// <summary>Sorry-page uploads: store, activate, roll back, delete, preview.</summary>
public static class SorryPagesApi
{
    public static RouteGroupBuilder MapSorryPagesApi(this RouteGroupBuilder api)
    {
        var pages = api.MapGroup("/sites/{id}/sorry-page").WithAdminApiResponses();
        pages.MapPut("", UploadAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        pages.MapDelete("", UseDefaultAsync).ProducesProblem(StatusCodes.Status404NotFound);
        pages.MapGet("/versions", ListAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesDiskReadFault();
        pages.MapPost("/versions/{version:int}/activate", ActivateAsync).ProducesProblem(StatusCodes.Status404NotFound);
        pages.MapDelete("/versions/{version:int}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        pages.MapPost("/rollback", RollbackAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // The file's own type: a page and its assets, as the bundle may hold them.
        pages.MapGet("/versions/{version:int}/preview/{**path}", PreviewAsync)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/html", [.. ContentTypes.ByExtension.Values.Select(t => t.Split(';')[0]).Distinct().Where(t => t != "text/html")])
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesDiskReadFault();
        return api;
    }

    private static async Task<Results<Created<SorryPageUploadView>, ProblemHttpResult>> UploadAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages, IOptions<UploadOptions> limits, bool? activate)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var max = limits.Value.MaxUploadBytes;
        if (context.Request.ContentLength > max)
        {
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "The upload is too large", $"At most {max} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "The upload is too large", $"At most {max} bytes.");
        }

        var type = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return await StoreAsync(context, entry, pages, limits.Value, body, type, activate ?? true);
    }

    /// <summary>Validates and stores an upload; shared with the portal's form.</summary>
    internal static async Task<Results<Created<SorryPageUploadView>, ProblemHttpResult>> StoreAsync(HttpContext context, SiteEntry entry, PageStore pages, UploadOptions limits, byte[] body, string contentType, bool activate)
    {
        ValidatedBundle bundle;
        try
        {
            bundle = BundleReader.Read(body, contentType, limits, entry.Site.Hostnames);
        }
        catch (BundleRejected rejected)
        {
            var status = rejected.Title.Contains("type", StringComparison.Ordinal) && rejected.Title.StartsWith("Unsupported", StringComparison.Ordinal)
                ? StatusCodes.Status415UnsupportedMediaType
                : rejected.Title.Contains("too large", StringComparison.Ordinal) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return ProblemResults.Problem(status, rejected.Title, rejected.Message);
        }

        var version = await pages.SaveAsync(entry.Id, bundle, activate, context.User.RequireAdminPrincipal().TokenId, context.RequestAborted);
        return TypedResults.Created($"/api/v1/sites/{entry.Id}/sorry-page/versions/{version.Version}", new SorryPageUploadView(
            version.Version, version.Active, version.Files, version.Bytes, version.Warnings, $"/api/v1/sites/{entry.Id}/sorry-page/versions/{version.Version}/preview/"));
    }

    private static async Task<Results<Ok<IReadOnlyList<PageVersion>>, ProblemHttpResult>> ListAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages) =>
        SitesApi.FindVisible(context, catalog, id) is null
            ? ProblemResults.NotFound($"Site '{id}'")
            : TypedResults.Ok(await pages.ListAsync(id, context.RequestAborted));

    private static async Task<Results<Ok<SorryPageActivationView>, ProblemHttpResult>> ActivateAsync(string id, int version, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        return await pages.ActivateAsync(id, version, context.RequestAborted)
            ? TypedResults.Ok(new SorryPageActivationView(version, true))
            : ProblemResults.NotFound($"Version {version} of site '{id}'");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UseDefaultAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        await pages.ActivateAsync(id, null, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SorryPageActivationView>, ProblemHttpResult>> RollbackAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var versions = await pages.ListAsync(id, context.RequestAborted);
        var active = versions.FirstOrDefault(v => v.Active);
        var previous = versions.Where(v => active is null || v.Version < active.Version).OrderByDescending(v => v.Version).FirstOrDefault(v => !v.Active);
        if (previous is null)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "There is no earlier version to roll back to");
        }

        await pages.ActivateAsync(id, previous.Version, context.RequestAborted);
        return TypedResults.Ok(new SorryPageActivationView(previous.Version, true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, int version, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        if (await pages.DeleteAsync(id, version, context.RequestAborted))
        {
            return TypedResults.NoContent();
        }

        return (await pages.ListAsync(id, context.RequestAborted)).Any(v => v.Version == version)
            ? ProblemResults.Problem(StatusCodes.Status409Conflict, "The active version cannot be deleted", "Activate another version or the default page first.")
            : ProblemResults.NotFound($"Version {version} of site '{id}'");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PreviewAsync(string id, int version, string? path, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null || !(await pages.ListAsync(id, context.RequestAborted)).Any(v => v.Version == version))
        {
            return ProblemResults.NotFound($"Version {version} of site '{id}'");
        }

        var prefix = $"/api/v1/sites/{id}/sorry-page/versions/{version}/preview";
        return Preview(context, pages.LoadFiles(id, version), path, prefix);
    }

    /// <summary>
    /// Serves a stored version as it would look, without activating it: references to
    /// <c>/.sorry/</c> are rewritten under the preview path so the assets load here too.
    /// </summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> Preview(HttpContext context, IReadOnlyDictionary<string, byte[]> files, string? path, string prefix)
    {
        var file = string.IsNullOrEmpty(path) ? "index.html" : path.StartsWith(".sorry/", StringComparison.Ordinal) ? path[".sorry/".Length..] : path;
        if (!files.TryGetValue(file, out var bytes) || ContentTypes.For(file) is not { } type)
        {
            return ProblemResults.NotFound($"'{file}'");
        }

        if (type.StartsWith("text/html", StringComparison.Ordinal) || type.StartsWith("text/css", StringComparison.Ordinal))
        {
            var text = Encoding.UTF8.GetString(bytes).Replace(TakeoverResponder.ReservedPrefix, prefix + TakeoverResponder.ReservedPrefix, StringComparison.Ordinal);
            bytes = Encoding.UTF8.GetBytes(text);
        }

        // A customer's page runs in a sandbox here: it must not act with the viewer's admin session.
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(bytes, type);
    }
}
