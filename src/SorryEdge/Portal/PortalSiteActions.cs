using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The site's form posts: mode switch, resume, schedule and cancel windows — the same rules as the API.</summary>
internal static class PortalSiteActions
{
    public static void Map(RouteGroupBuilder site)
    {
        site.MapPost("/mode", SetModeAsync);
        site.MapPost("/resume", ResumeAsync);
        site.MapPost("/schedules", AddScheduleAsync);
        site.MapPost("/schedules/{windowId}/cancel", CancelScheduleAsync);
        site.MapPost("/smtp-mode", SetSmtpModeAsync);
        site.MapPost("/smtp-domains", SetSmtpDomainsAsync);
        site.MapPost("/notify", PortalNotifyForm.SaveAsync);
    }

    private static async Task<IResult> SetSmtpModeAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { Site.Smtp: not null } entry)
        {
            return PortalLayout.NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!Enum.TryParse<Sites.SmtpMode>(form["mode"].ToString(), ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(form["mode"].ToString(), out _))
        {
            return await Refuse(context, entry, "Choose an SMTP mode: auto, tempfail or passthrough.");
        }

        var errors = await SmtpSwitch.SetModeAsync(service, entry, mode, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return errors.Count > 0
            ? await Refuse(context, entry, string.Join(" ", errors.Values.SelectMany(v => v)))
            : Results.Redirect(PortalSitePage.Path(entry) + "?done=smtp-mode");
    }

    private static async Task<IResult> SetSmtpDomainsAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { Site.Smtp: not null } entry)
        {
            return PortalLayout.NotFound(context);
        }

        if (!context.User.RequireAdminPrincipal().IsStaff)
        {
            return await Refuse(context, entry, "Only your hosting provider changes the mail domains.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var domains = form["domains"].ToString().Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var errors = await SmtpSwitch.SetDomainsAsync(service, catalog, entry, domains, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return errors.Count > 0
            ? await Refuse(context, entry, string.Join(" ", errors.Values.SelectMany(v => v)))
            : Results.Redirect(PortalSitePage.Path(entry) + "?done=smtp-domains");
    }

    private static async Task<IResult> SetModeAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service, TimeProvider time)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        SiteMode? mode = form["mode"].ToString() switch
        {
            "auto" => SiteMode.Auto,
            "maintenance" => SiteMode.Maintenance,
            "redirect" => SiteMode.Redirect,
            _ => null,
        };
        if (mode is null)
        {
            return await Refuse(context, entry, "Choose a mode: auto, maintenance or redirect.");
        }

        if (!PortalForms.TryParseUtc(form["until"], out var until))
        {
            return await Refuse(context, entry, "The end time is not a date and time.");
        }

        if (until is { } end && end <= time.GetUtcNow())
        {
            return await Refuse(context, entry, "The end time must be in the future (times are UTC).");
        }

        if (mode == SiteMode.Redirect && entry.Site.Redirect is null)
        {
            return await Refuse(context, entry, "This site has no redirect target; ask your hosting provider to set one.");
        }

        await service.SetModeAsync(id, mode.Value, until, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=mode");
    }

    private static async Task<IResult> ResumeAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        await service.ResumeAsync(id, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=resume");
    }

    private static async Task<IResult> AddScheduleAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service, TimeProvider time)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return PortalLayout.NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!PortalForms.TryParseUtc(form["start"], out var start) || !PortalForms.TryParseUtc(form["end"], out var end) || start is null || end is null)
        {
            return await Refuse(context, entry, "Give a start and an end (UTC).");
        }

        var mode = form["mode"].ToString() == "redirect" ? SiteMode.Redirect : SiteMode.Maintenance;
        var problem = end <= start ? "The end must be after the start."
            : end <= time.GetUtcNow() ? "The end must be in the future (times are UTC)."
            : mode == SiteMode.Redirect && entry.Site.Redirect is null ? "This site has no redirect target."
            : entry.Site.Schedules.Count >= SiteValidator.MaxSchedules ? $"A site has at most {SiteValidator.MaxSchedules} windows; cancel old ones first."
            : null;
        if (problem is not null)
        {
            return await Refuse(context, entry, problem);
        }

        var window = new MaintenanceWindow { Id = "w-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Start = start.Value, End = end.Value, Mode = mode };
        await service.ChangeAsync(id, s => s with { Schedules = [.. s.Schedules, window] }, "schedule.created",
            $"window {window.Id} {window.Start:O} – {window.End:O} ({SiteService.Name(window.Mode)})", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=schedule");
    }

    private static async Task<IResult> CancelScheduleAsync(string id, string windowId, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry || entry.Site.Schedules.All(w => w.Id != windowId))
        {
            return PortalLayout.NotFound(context);
        }

        await service.ChangeAsync(id, s => s with { Schedules = s.Schedules.Where(w => w.Id != windowId).ToList() }, "schedule.cancelled",
            $"window {windowId} cancelled", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return Results.Redirect(PortalSitePage.Path(entry) + "?done=cancel");
    }

    public static Task<IResult> Refuse(HttpContext context, SiteEntry entry, string message) =>
        PortalSitePage.RenderAsync(context, entry, $"<p class=\"notice bad\" role=\"alert\">{E(message)} Nothing was changed.</p>", null, StatusCodes.Status400BadRequest);
}
