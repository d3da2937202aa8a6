using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Health;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>One site: live state per destination, switches, schedules, sorry page, history.</summary>
internal static class PortalSitePage
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
    };

    public static Task<IResult> ShowAsync(string id, HttpContext context, SiteCatalog catalog, string? done, int? review) =>
        SitesApi.FindVisible(context, catalog, id) is { } entry
            ? RenderAsync(context, entry, done is not null && Done.TryGetValue(done, out var text) ? $"<p class=\"notice ok\" role=\"status\">{E(text)}</p>" : "", review)
            : Task.FromResult(PortalLayout.NotFound(context));

    /// <summary>Renders the page; actions call this with an error notice and a 400 to keep the user's context.</summary>
    public static async Task<IResult> RenderAsync(HttpContext context, SiteEntry entry, string notice, int? review, int status = StatusCodes.Status200OK)
    {
        var services = context.RequestServices;
        var state = SiteStateView.Build(entry, services.GetRequiredService<DestinationHealthTracker>(), services.GetRequiredService<TimeProvider>().GetUtcNow());
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
        html.Append(PortalSmtpSection.Render(context, entry));
        html.Append(PortalNotifyForm.Render(context, entry));
        html.Append(await PortalPagesSection.RenderAsync(context, entry, review));
        html.Append(await PortalHistorySection.RenderAsync(context, entry));
        return PortalLayout.Page(context, site.DisplayName, html.ToString(), status);
    }

    public static string Path(SiteEntry entry) => "/portal/sites/" + Uri.EscapeDataString(entry.Id);
}
