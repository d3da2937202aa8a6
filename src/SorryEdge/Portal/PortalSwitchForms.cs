using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The mode switch, the maintenance windows and the bypass of a site, as plain forms.</summary>
internal static class PortalSwitchForms
{
    public static string Render(HttpContext context, SiteEntry entry)
    {
        var site = entry.Site;
        var path = PortalSitePage.Path(entry);
        var html = new StringBuilder();
        html.Append("<section class=\"card\" aria-labelledby=\"switch-h\"><h2 id=\"switch-h\">Switch</h2>")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/mode\">").Append(Antiforgery(context))
            .Append("<fieldset><legend>Mode</legend>");
        foreach (var (mode, label) in new[] { (SiteMode.Auto, "Auto — forward while healthy, sorry page when not"), (SiteMode.Maintenance, "Maintenance — always the sorry page"), (SiteMode.Redirect, "Redirect — always redirect") })
        {
            var value = SiteService.Name(mode);
            var disabled = mode == SiteMode.Redirect && site.Redirect is null;
            html.Append("<div><input type=\"radio\" name=\"mode\" id=\"mode-").Append(value).Append("\" value=\"").Append(value).Append('"')
                .Append(site.Mode == mode ? " checked" : "").Append(disabled ? " disabled" : "").Append("> <label style=\"display:inline\" for=\"mode-").Append(value).Append("\">")
                .Append(E(label)).Append(disabled ? " (no redirect target configured)" : "").Append("</label></div>");
        }

        html.Append("</fieldset><label for=\"until\">Until (optional, UTC)</label><input type=\"datetime-local\" id=\"until\" name=\"until\" aria-describedby=\"until-hint\">")
            .Append("<p class=\"hint\" id=\"until-hint\">Times are UTC, not your local time. Leave empty for until further notice; at this time the site returns to auto by itself.</p>")
            .Append("<button type=\"submit\" id=\"switch-mode\">Switch</button></form></section>");

        html.Append("<section class=\"card\" aria-labelledby=\"sched-h\"><h2 id=\"sched-h\">Maintenance windows</h2>");
        if (site.Schedules.Count == 0)
        {
            html.Append("<p>No windows scheduled.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Start</th><th scope=\"col\">End</th><th scope=\"col\">Mode</th><th scope=\"col\"><span class=\"skip\">Action</span></th></tr></thead><tbody>");
            foreach (var window in site.Schedules.OrderBy(w => w.Start))
            {
                html.Append("<tr><td>").Append(Time(window.Start)).Append("</td><td>").Append(Time(window.End)).Append("</td><td>").Append(E(SiteService.Name(window.Mode)))
                    .Append("</td><td>").Append(Button(context, $"{path}/schedules/{Uri.EscapeDataString(window.Id)}/cancel", "Cancel window", "danger")).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<form method=\"post\" action=\"").Append(path).Append("/schedules\">").Append(Antiforgery(context)).Append("<div class=\"row\">")
            .Append("<div><label for=\"start\">Start (UTC)</label><input type=\"datetime-local\" id=\"start\" name=\"start\" required></div>")
            .Append("<div><label for=\"end\">End (UTC)</label><input type=\"datetime-local\" id=\"end\" name=\"end\" required></div>")
            .Append("<div><label for=\"window-mode\">Mode</label><select id=\"window-mode\" name=\"mode\"><option value=\"maintenance\">Maintenance</option>")
            .Append(site.Redirect is null ? "" : "<option value=\"redirect\">Redirect</option>").Append("</select></div>")
            .Append("<div><button type=\"submit\">Schedule window</button></div></div><p class=\"hint\">Times are UTC.</p></form></section>");

        html.Append("<section class=\"card\" aria-labelledby=\"bypass-h\"><h2 id=\"bypass-h\">Bypass</h2>")
            .Append("<p class=\"hint\">Your own people reach the backends while visitors see the sorry page: from these networks, or with a cookie from the bypass link.</p>")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/bypass\">").Append(Antiforgery(context))
            .Append("<label for=\"bypass-cidrs\">Networks, one per line (such as 203.0.113.0/24)</label><textarea id=\"bypass-cidrs\" name=\"cidrs\" rows=\"3\">")
            .Append(E(string.Join("\n", site.Bypass.Cidrs))).Append("</textarea><button type=\"submit\" id=\"save-bypass\">Save networks</button></form>")
            .Append("<p>").Append(site.Bypass.Secret is null ? "No bypass link yet." : "A bypass link exists; a new one ends the old one and its cookies.").Append("</p>")
            .Append(Button(context, $"{path}/bypass/rotate", site.Bypass.Secret is null ? "Create bypass link" : "New bypass link", "secondary")).Append("</section>");
        return html.ToString();
    }
}
