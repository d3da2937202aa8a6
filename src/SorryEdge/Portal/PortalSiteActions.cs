using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Operations;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Portal;

/// <summary>
/// The site's form posts: mode switch, resume, windows, bypass, notification addresses and the
/// SMTP switches. Each reads its form and calls the same operation as the admin API.
/// </summary>
internal static class PortalSiteActions
{
    public static void Map(RouteGroupBuilder site)
    {
        site.MapPost("/mode", SetModeAsync);
        site.MapPost("/resume", ResumeAsync);
        site.MapPost("/schedules", AddScheduleAsync);
        site.MapPost("/schedules/{windowId}/cancel", CancelScheduleAsync);
        site.MapPost("/bypass", SetBypassAsync);
        site.MapPost("/bypass/rotate", RotateSecretAsync);
        site.MapPost("/smtp-mode", SetSmtpModeAsync);
        site.MapPost("/smtp-domains", SetSmtpDomainsAsync);
        site.MapPost("/notify", SetNotifyAsync);
    }

    private static async Task<IResult> SetModeAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var mode = PortalForms.ParseEnum<SiteMode>(form["mode"]);
        if (!PortalForms.TryParseUtc(form["until"], out var until))
        {
            return await page.AnswerAsync(context, id, (Outcome<SiteEntry>)Refusal.Invalid("until", "is not a date and time"), "mode");
        }

        return await page.AnswerAsync(context, id, await sites.SetModeAsync(context.User.RequireAdminPrincipal(), id, mode, until, context.RequestAborted), "mode");
    }

    private static async Task<IResult> ResumeAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page) =>
        await page.AnswerAsync(context, id, await sites.ResumeAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted), "resume");

    private static async Task<IResult> AddScheduleAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!PortalForms.TryParseUtc(form["start"], out var start) || !PortalForms.TryParseUtc(form["end"], out var end) || start is null || end is null)
        {
            return await page.AnswerAsync(context, id, (Outcome<SiteEntry>)Refusal.Invalid("start", "give a start and an end (UTC)"), "schedule");
        }

        return await page.AnswerAsync(context, id,
            await sites.AddWindowAsync(context.User.RequireAdminPrincipal(), id, start.Value, end.Value, PortalForms.ParseEnum<SiteMode>(form["mode"]), context.RequestAborted), "schedule");
    }

    private static async Task<IResult> CancelScheduleAsync(string id, string windowId, HttpContext context, SiteOperations sites, PortalSitePage page) =>
        await page.AnswerAsync(context, id, await sites.CancelWindowAsync(context.User.RequireAdminPrincipal(), id, windowId, context.RequestAborted), "cancel");

    private static async Task<IResult> SetBypassAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return await page.AnswerAsync(context, id,
            await sites.SetBypassNetworksAsync(context.User.RequireAdminPrincipal(), id, PortalForms.Lines(form["cidrs"]), context.RequestAborted), "bypass");
    }

    /// <summary>The new link is shown on the answer page, not on the site page: it is a secret.</summary>
    private static async Task<IResult> RotateSecretAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page)
    {
        var outcome = await sites.RotateBypassSecretAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        if (!outcome.IsOk)
        {
            return await page.AnswerAsync(context, id, outcome, "bypass");
        }

        var entry = outcome.Value!;

        var (_, link) = SiteOperations.BypassLink(entry.Site);
        return await page.RenderAsync(context, entry,
            $"<p class=\"notice warn\" role=\"status\">A new bypass link: <code class=\"secret\" id=\"bypass-link\">{PortalHtml.E(link)}</code>. Give it to the people who must reach your backends during maintenance. Earlier links and their cookies no longer work.</p>", null);
    }

    private static async Task<IResult> SetNotifyAsync(string id, HttpContext context, SiteOperations sites, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return await page.AnswerAsync(context, id,
            await sites.SetNotifyEmailsAsync(context.User.RequireAdminPrincipal(), id, PortalForms.Lines(form["emails"]), context.RequestAborted), "notify");
    }

    private static async Task<IResult> SetSmtpModeAsync(string id, HttpContext context, SmtpOperations smtp, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return await page.AnswerAsync(context, id,
            await smtp.SetModeAsync(context.User.RequireAdminPrincipal(), id, PortalForms.ParseEnum<SmtpMode>(form["mode"]), context.RequestAborted), "smtp-mode");
    }

    private static async Task<IResult> SetSmtpDomainsAsync(string id, HttpContext context, SmtpOperations smtp, PortalSitePage page)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return await page.AnswerAsync(context, id,
            await smtp.SetDomainsAsync(context.User.RequireAdminPrincipal(), id, PortalForms.Lines(form["domains"], ' '), context.RequestAborted), "smtp-domains");
    }
}
