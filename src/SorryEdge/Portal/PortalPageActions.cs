using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SorryEdge.Admin;
using SorryEdge.Customers;
using SorryEdge.Operations;
using SorryEdge.Pages;
using SorryEdge.Sites;

namespace SorryEdge.Portal;

/// <summary>Sorry-page form posts (upload for review, activate, roll back, default) and the in-place preview, through the same operations as the API.</summary>
internal static class PortalPageActions
{
    // Room for the multipart boundaries, headers and the antiforgery field around the file.
    private const long FormOverheadBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder site)
    {
        site.MapPost("/pages", UploadAsync);
        site.MapPost("/pages/{version:int}/activate", ActivateAsync);
        site.MapPost("/pages/rollback", RollbackAsync);
        site.MapPost("/pages/default", UseDefaultAsync);
        site.MapGet("/pages/{version:int}/preview/{**path}", PreviewAsync);
    }

    private static async Task<IResult> UploadAsync(string id, HttpContext context, PageOperations pages, PortalSitePage page)
    {
        var caller = context.User.RequireAdminPrincipal();
        // The form holds one file: refuse a body well over the limit before it is read (the API caps its body the same way).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = pages.MaxUploadBytes + FormOverheadBytes;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await page.AnswerAsync(context, id, (Outcome<PageVersion>)pages.TooLarge, "upload");
        }

        Outcome<PageVersion> outcome;
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            outcome = Refusal.Malformed("Choose a file to upload");
        }
        else if (file.Length > pages.MaxUploadBytes)
        {
            outcome = pages.TooLarge;
        }
        else
        {
            // The file's name stands in for the Content-Type the API reads.
            var type = Path.GetExtension(file.FileName).ToLowerInvariant() switch
            {
                ".zip" => "application/zip",
                ".html" or ".htm" => "text/html",
                _ => "application/octet-stream",
            };
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            outcome = await pages.StoreAsync(caller, id, buffer.ToArray(), type, activate: false, context.RequestAborted);
        }

        return outcome.IsOk
            ? Results.Redirect($"{PortalSitePage.Path(id)}?review={outcome.Value!.Version}#review")
            : await page.AnswerAsync(context, id, outcome, "upload");
    }

    private static async Task<IResult> ActivateAsync(string id, int version, HttpContext context, PageOperations pages, PortalSitePage page) =>
        await page.AnswerAsync(context, id, await pages.ActivateAsync(context.User.RequireAdminPrincipal(), id, version, context.RequestAborted), "activate");

    private static async Task<IResult> RollbackAsync(string id, HttpContext context, PageOperations pages, PortalSitePage page) =>
        await page.AnswerAsync(context, id, await pages.RollbackAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted), "rollback");

    private static async Task<IResult> UseDefaultAsync(string id, HttpContext context, PageOperations pages, PortalSitePage page) =>
        await page.AnswerAsync(context, id, await pages.UseDefaultAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted), "default");

    /// <summary>The iframe's address: checks the session, then hands over to a signed ticket address (see <see cref="PortalPreviewTickets"/>).</summary>
    private static async Task<IResult> PreviewAsync(string id, int version, string? path, HttpContext context, PageOperations pages, PortalPreviewTickets tickets)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (!(await pages.LoadAsync(caller, id, version, context.RequestAborted)).IsOk)
        {
            return PortalLayout.NotFound(context);
        }

        return Results.Redirect($"/portal/preview/{tickets.Issue(caller, id, version)}/{path}");
    }

    /// <summary>Serves a stored version under its ticket, through the API's preview (which sets CSP sandbox).</summary>
    public static async Task<IResult> ServeTicketAsync(string ticket, string? path, HttpContext context, PageOperations pages, PortalPreviewTickets tickets, CustomerStore customers)
    {
        if (tickets.Read(ticket) is not { } grant || !await customers.IsActiveAsync(grant.Principal.TokenId, context.RequestAborted)
            || (await pages.LoadAsync(grant.Principal, grant.SiteId, grant.Version, context.RequestAborted)).Value is not { } files)
        {
            return Results.NotFound();
        }

        return SorryPagesApi.Preview(context, files, path, "/portal/preview/" + ticket);
    }
}
