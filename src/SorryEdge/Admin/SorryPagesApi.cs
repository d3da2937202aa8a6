using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Http;
using SorryEdge.Operations;
using SorryEdge.Pages;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Admin;

/// <summary>Sorry-page uploads: store, activate, roll back, delete, preview.</summary>
internal static class SorryPagesApi
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

    private static async Task<Results<Created<SorryPageUploadView>, ProblemHttpResult>> UploadAsync(string id, HttpContext context, SiteOperations sites, PageOperations pages, bool? activate)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (sites.Check(caller, id) is { } hidden)
        {
            return hidden.ToProblem();
        }

        var max = pages.MaxUploadBytes;
        if (context.Request.ContentLength > max)
        {
            return pages.TooLarge.ToProblem();
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
            return pages.TooLarge.ToProblem();
        }

        var type = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var outcome = await pages.StoreAsync(caller, id, body, type, activate ?? true, context.RequestAborted);
        if (outcome.Refusal is { } refused)
        {
            return refused.ToProblem();
        }

        var version = outcome.Value!;
        return TypedResults.Created($"/api/v1/sites/{id}/sorry-page/versions/{version.Version}", new SorryPageUploadView(
            version.Version, version.Active, version.Files, version.Bytes, version.Warnings, $"/api/v1/sites/{id}/sorry-page/versions/{version.Version}/preview/"));
    }

    private static async Task<Results<Ok<IReadOnlyList<PageVersion>>, ProblemHttpResult>> ListAsync(string id, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.ListAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<Ok<SorryPageActivationView>, ProblemHttpResult>> ActivateAsync(string id, int version, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.ActivateAsync(context.User.RequireAdminPrincipal(), id, version, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Ok(new SorryPageActivationView(outcome.Value!.Version, true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UseDefaultAsync(string id, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.UseDefaultAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SorryPageActivationView>, ProblemHttpResult>> RollbackAsync(string id, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.RollbackAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Ok(new SorryPageActivationView(outcome.Value!.Version, true));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, int version, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.DeleteAsync(context.User.RequireAdminPrincipal(), id, version, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PreviewAsync(string id, int version, string? path, HttpContext context, PageOperations pages)
    {
        var outcome = await pages.LoadAsync(context.User.RequireAdminPrincipal(), id, version, context.RequestAborted);
        return outcome.Refusal is { } refused
            ? refused.ToProblem()
            : Preview(context, outcome.Value!, path, $"/api/v1/sites/{id}/sorry-page/versions/{version}/preview");
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
