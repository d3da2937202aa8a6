using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SorryEdge.Admin;
using SorryEdge.Customers;
using SorryEdge.Pages;
using SorryEdge.Sites;

namespace SorryEdge.Portal;

/// <summary>Sorry-page form posts (upload for review, activate, roll back, default) and the in-place preview.</summary>
internal static class PortalPageActions
{
    public static void Map(RouteGroupBuilder site)
    {
        site.MapPost("/pages", UploadAsync);
        site.MapPost("/pages/{version:int}/activate", ActivateAsync);
        site.MapPost("/pages/rollback", RollbackAsync);
        site.MapPost("/pages/default", UseDefaultAsync);
        site.MapGet("/pages/{version:int}/preview/{**path}", PreviewAsync);
    }

    private static async Task<IResult> UploadAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages, IOptions<UploadOptions> limits)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return await PortalSiteActions.Refuse(context, entry, "Choose a file to upload.");
        }

        if (file.Length > limits.Value.MaxUploadBytes)
        {
            return await PortalSiteActions.Refuse(context, entry, $"The upload is too large: at most {limits.Value.MaxUploadBytes} bytes.");
        }

        var type = Path.GetExtension(file.FileName).ToLowerInvariant() switch
        {
            ".zip" => "application/zip",
            ".html" or ".htm" => "text/html",
            _ => null,
        };
        if (type is null)
        {
            return await PortalSiteActions.Refuse(context, entry, "Upload an .html file or a .zip with index.html and its assets.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var result = await SorryPagesApi.StoreAsync(context, entry, pages, limits.Value, buffer.ToArray(), type, activate: false);
        return result.Result switch
        {
            ProblemHttpResult problem => await PortalSiteActions.Refuse(context, entry, $"{problem.ProblemDetails.Title}. {problem.ProblemDetails.Detail}".Trim()),
            Created<SorryPageUploadView> { Value: { } stored } => Results.Redirect($"{PortalSitePage.Path(entry)}?review={stored.Version}#review"),
            _ => await PortalSiteActions.Refuse(context, entry, "The upload was not stored."),
        };
    }

    private static async Task<IResult> ActivateAsync(string id, int version, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry || !await pages.ActivateAsync(id, version, context.RequestAborted))
        {
            return PortalLayout.NotFound(context);
        }

        return Results.Redirect(PortalSitePage.Path(entry) + "?done=activate");
    }

    private static async Task<IResult> RollbackAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        var versions = await pages.ListAsync(id, context.RequestAborted);
        var active = versions.FirstOrDefault(v => v.Active);
        var previous = versions.Where(v => !v.Active && (active is null || v.Version < active.Version)).MaxBy(v => v.Version);
        if (previous is null)
        {
            return await PortalSiteActions.Refuse(context, entry, "There is no earlier version to roll back to.");
        }

        await pages.ActivateAsync(id, previous.Version, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=rollback");
    }

    private static async Task<IResult> UseDefaultAsync(string id, HttpContext context, SiteCatalog catalog, PageStore pages)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        await pages.ActivateAsync(id, null, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=default");
    }

    /// <summary>The iframe's address: checks the session, then hands over to a signed ticket address (see <see cref="PortalPreviewTickets"/>).</summary>
    private static async Task<IResult> PreviewAsync(string id, int version, string? path, HttpContext context, SiteCatalog catalog, PageStore pages, PortalPreviewTickets tickets)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null || !(await pages.ListAsync(id, context.RequestAborted)).Any(v => v.Version == version))
        {
            return PortalLayout.NotFound(context);
        }

        var ticket = tickets.Issue(context.User.RequireAdminPrincipal(), id, version);
        return Results.Redirect($"/portal/preview/{ticket}/{path}");
    }

    /// <summary>Serves a stored version under its ticket, through the API's preview (which sets CSP sandbox).</summary>
    public static async Task<IResult> ServeTicketAsync(string ticket, string? path, HttpContext context, SiteCatalog catalog, PageStore pages, PortalPreviewTickets tickets, CustomerStore customers)
    {
        if (tickets.Read(ticket) is not { } grant || !await customers.IsActiveAsync(grant.Principal.TokenId, context.RequestAborted)
            || catalog.Find(grant.SiteId) is not { } entry || !SitesApi.CanSee(grant.Principal, entry.Site)
            || !(await pages.ListAsync(entry.Id, context.RequestAborted)).Any(v => v.Version == grant.Version))
        {
            return Results.NotFound();
        }

        return SorryPagesApi.Preview(context, pages.LoadFiles(entry.Id, grant.Version), path, "/portal/preview/" + ticket);
    }
}
