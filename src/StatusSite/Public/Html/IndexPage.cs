using System.Text;
using StatusSite.Data;
using StatusSite.Domain;

namespace StatusSite.Public.Html;

/// <summary>The front page: banner, unresolved incidents, maintenance, components with history, then past incidents.</summary>
internal static class IndexPage
{
    private const int PastLimit = 30;

    public static string Render(StatusPageOptions page, SiteData data, DateTimeOffset now)
    {
        var overall = OverallStatus.From(data);
        var sb = new StringBuilder();
        sb.Append("<div class=\"banner b-").Append(Html.E(overall.Indicator)).Append("\" role=\"status\"><span class=\"icon\" aria-hidden=\"true\">")
            .Append(StatusBadge.Icon(overall.Indicator)).Append("</span>").Append(Html.E(overall.Description)).Append("</div>");

        var open = data.Incidents.Where(i => !i.IsMaintenance && i.IsOpen).ToList();
        if (open.Count > 0)
        {
            sb.Append("<h2>Current incidents</h2>");
            open.ForEach(i => sb.Append(IncidentHtml.Card(i)));
        }

        var maintenance = data.Incidents.Where(i => i.IsMaintenance && i.IsOpen).OrderBy(i => i.ScheduledFor).ToList();
        if (maintenance.Count > 0)
        {
            sb.Append("<h2>Maintenance</h2>");
            maintenance.ForEach(i => sb.Append(IncidentHtml.Card(i)));
        }

        sb.Append("<h2>Components</h2>");
        AppendComponents(sb, data, now);

        sb.Append("<h2>Past incidents</h2>");
        var past = data.Incidents.Where(i => !i.IsOpen).OrderByDescending(i => i.ResolvedAt ?? i.UpdatedAt).Take(PastLimit).ToList();
        if (past.Count == 0)
        {
            sb.Append("<p class=\"muted\">No incidents reported.</p>");
        }

        past.ForEach(i => sb.Append(IncidentHtml.Card(i)));
        return Layout.Page(page.Name, page.Name, sb.ToString());
    }

    private static void AppendComponents(StringBuilder sb, SiteData data, DateTimeOffset now)
    {
        if (data.Components.Count == 0)
        {
            sb.Append("<p class=\"muted\">No components yet.</p>");
            return;
        }

        var history = data.History.ToLookup(h => h.ComponentId);
        foreach (var group in data.Components.GroupBy(c => c.Group ?? string.Empty))
        {
            sb.Append("<section class=\"card\">");
            if (group.Key.Length > 0)
            {
                var worst = ComponentStatus.Worst(group.Select(c => c.Status));
                sb.Append("<div class=\"comp\"><h3>").Append(Html.E(group.Key)).Append("</h3>").Append(StatusBadge.Component(worst)).Append("</div>");
            }

            foreach (var c in group)
            {
                sb.Append("<div class=\"comp\" style=\"display:block\"><div class=\"row\" style=\"justify-content:space-between\"><span><strong>")
                    .Append(Html.E(c.Name)).Append("</strong>");
                if (c.Automatic)
                {
                    // The cause names addresses and errors: staff see it in the console, visitors only the word "flapping".
                    sb.Append(" <span class=\"auto\">· set automatically ").Append(Iso.Display(c.UpdatedAt))
                        .Append(ComponentStatus.IsFlapping(c) ? " – flapping" : string.Empty).Append("</span>");
                }

                sb.Append("</span><span style=\"flex:0\">").Append(StatusBadge.Component(c.Status)).Append("</span></div>")
                    .Append(HistoryBar.Render(c, history[c.Id], now, SiteDataLoader.HistoryDays)).Append("</div>");
            }

            sb.Append("</section>");
        }
    }
}
