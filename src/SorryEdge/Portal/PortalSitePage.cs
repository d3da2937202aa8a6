using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Operations;
using SorryEdge.Pages;
using SorryEdge.Sites;
using SorryEdge.Smtp;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>One site: live state per destination, switches, schedules, sorry page, history.</summary>
internal sealed class PortalSitePage(
    SiteOperations sites, DestinationHealthTracker tracker, SmtpBackendMonitor smtp, PageStore pages, SqliteEventRecorder events, AuditLog audit, TimeProvider time)
{
    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["mode"] = "The mode was switched.",
        ["resume"] = "The site was resumed; traffic returns to healthy backends.",
        ["schedule"] = "The maintenance window was scheduled.",
        ["notify"] = "The notification addresses were saved.",
        ["cancel"] = "The maintenance window was cancelled.",
        ["activate"] = "The sorry page version is now active.",
        ["rollback"] = "Rolled back to the previous sorry page version.",
        ["default"] = "The edge's default sorry page is active again.",
        ["smtp-mode"] = "The SMTP mode was switched.",
        ["smtp-domains"] = "The SMTP domains were saved.",
        ["bypass"] = "The bypass networks were saved.",
    };

    public static Task<IResult> ShowAsync(string id, HttpContext context, PortalSitePage page, string? done, int? review) =>
        page.Find(context, id) is { } entry
            ? page.RenderAsync(context, entry, done is not null && Done.TryGetValue(done, out var text) ? $"<p class=\"notice ok\" role=\"status\">{E(text)}</p>" : "", review)
            : Task.FromResult(PortalLayout.NotFound(context));

    /// <summary>The site, if the portal's caller may see it.</summary>
    public SiteEntry? Find(HttpContext context, string id) => sites.FindVisible(context.User.RequireAdminPrincipal(), id);

    /// <summary>
    /// The outcome of a form post: to the page with its "done" notice, or back to the page with the
    /// refusal (nothing changed) and the same status the admin API answers for it.
    /// </summary>
    public async Task<IResult> AnswerAsync<T>(HttpContext context, string id, Outcome<T> outcome, string done)
        where T : notnull
    {
        if (outcome.Refusal is not { } refused)
        {
            return Results.Redirect(Path(id) + "?done=" + done);
        }

        return refused.Kind == RefusalKind.NotFound || Find(context, id) is not { } entry
            ? PortalLayout.NotFound(context)
            : await RefuseAsync(context, entry, refused);
    }

    /// <summary>Renders the page again with the refusal on top: what was wrong, and that nothing was changed.</summary>
    public Task<IResult> RefuseAsync(HttpContext context, SiteEntry entry, Refusal refused) =>
        RenderAsync(context, entry, $"<p class=\"notice bad\" role=\"alert\">{E(refused.Sentence)} Nothing was changed.</p>", null, refused.Kind.Status());

    /// <summary>Renders the page; a refused action renders it with its notice and status to keep the user's context.</summary>
    public async Task<IResult> RenderAsync(HttpContext context, SiteEntry entry, string notice, int? review, int status = StatusCodes.Status200OK)
    {
        var state = SiteStateView.Build(entry, tracker, time.GetUtcNow());
        var site = entry.Site;
        var html = new StringBuilder(notice);
        html.Append("<section class=\"card\" aria-labelledby=\"state-h\"><h2 id=\"state-h\">Live state</h2><p id=\"site-state\">")
            .Append(PortalState.Badge(state)).Append("</p>").Append(PortalState.Details(state))
            .Append("<p class=\"hint\">Hostnames: ").Append(E(string.Join(", ", site.Hostnames))).Append(" · mode <strong>").Append(E(state.EffectiveMode)).Append("</strong>")
            .Append(site.ModeUntil is { } until && site.Mode != SiteMode.Auto ? " until " + Time(until) : "")
            .Append(" · failback ").Append(E(site.Failback.ToString().ToLowerInvariant())).Append("</p>");
        html.Append("<table><caption class=\"hint\">Backends</caption><thead><tr><th scope=\"col\">Backend</th><th scope=\"col\">Health</th><th scope=\"col\">Since</th><th scope=\"col\">Last check</th></tr></thead><tbody>");
        foreach (var d in state.Destinations)
        {
            var last = d.LastCheck is { } check ? $"{Time(check.At)}: {(check.Success ? "good" : "failed")} — {E(check.Detail)} ({E(check.Source)})" : "none yet";
            html.Append("<tr><td>").Append(E(d.Url)).Append("</td><td>").Append(PortalState.Health(d.Health)).Append("</td><td>").Append(Time(d.Since))
                .Append("</td><td>").Append(last).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (entry.Record.Latched)
        {
            html.Append(Button(context, $"/portal/sites/{Uri.EscapeDataString(entry.Id)}/resume", "Resume (end manual failback)"));
        }

        html.Append("</section>");
        html.Append(PortalSwitchForms.Render(context, entry));
        html.Append(PortalSmtpSection.Render(context, entry, smtp.GetVerdict(entry.Id)));
        html.Append(PortalNotifyForm.Render(context, entry));
        html.Append(PortalPagesSection.Render(context, entry, await pages.ListAsync(entry.Id, context.RequestAborted), review));
        html.Append(PortalHistorySection.Render(
            await events.ListAsync(entry.Id, null, null, 0, 5000, context.RequestAborted),
            await audit.ListAsync(entry.Id, null, null, PortalHistorySection.Shown, currentSiteOnly: true, context.RequestAborted)));
        return PortalLayout.Page(context, site.DisplayName, html.ToString(), status);
    }

    public static string Path(SiteEntry entry) => Path(entry.Id);

    public static string Path(string id) => "/portal/sites/" + Uri.EscapeDataString(id);
}
