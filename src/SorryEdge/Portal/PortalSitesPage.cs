using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Customers;
using SorryEdge.Health;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The start page: the user's sites with their live state (staff: every site, grouped by customer).</summary>
internal static class PortalSitesPage
{
    public static async Task<IResult> ShowAsync(HttpContext context, SiteCatalog catalog, DestinationHealthTracker tracker, CustomerStore customers, TimeProvider time)
    {
        var principal = context.User.RequireAdminPrincipal();
        var now = time.GetUtcNow();
        var sites = catalog.Sites.Values.Where(e => SiteOperations.CanSee(principal, e.Site)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var names = principal.IsStaff
            ? (await customers.ListCustomersAsync(context.RequestAborted)).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal)
            : [];
        var html = new StringBuilder();
        if (sites.Count == 0)
        {
            html.Append("<section class=\"card\"><p>No sites yet. Your hosting provider adds them for you.</p></section>");
        }

        foreach (var group in sites.GroupBy(e => e.Site.Customer).OrderBy(g => g.Key ?? "", StringComparer.Ordinal))
        {
            html.Append("<section class=\"card\">");
            if (principal.IsStaff)
            {
                var title = group.Key is null ? "Sites without a customer" : $"{names.GetValueOrDefault(group.Key, group.Key)} ({group.Key})";
                html.Append("<h2>").Append(E(title)).Append("</h2>");
            }

            html.Append("<table><thead><tr><th scope=\"col\">Site</th><th scope=\"col\">Hostnames</th><th scope=\"col\">Mode</th><th scope=\"col\">Live state</th></tr></thead><tbody>");
            foreach (var entry in group)
            {
                var state = SiteStateView.Build(entry, tracker, now);
                html.Append("<tr><td><a href=\"/portal/sites/").Append(Uri.EscapeDataString(entry.Id)).Append("\">").Append(E(entry.Site.DisplayName)).Append("</a></td>")
                    .Append("<td>").Append(E(string.Join(", ", entry.Site.Hostnames))).Append("</td>")
                    .Append("<td>").Append(E(state.EffectiveMode)).Append(entry.Site.ModeUntil is { } until && entry.Site.Mode != SiteMode.Auto ? " until " + Time(until) : "").Append("</td>")
                    .Append("<td>").Append(PortalState.Badge(state)).Append(PortalState.Details(state)).Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        return PortalLayout.Page(context, principal.IsStaff ? "All sites" : "Your sites", html.ToString());
    }
}
