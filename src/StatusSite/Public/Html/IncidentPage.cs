using System.Text;
using StatusSite.Domain;

namespace StatusSite.Public.Html;

/// <summary>The permalink page of one incident or maintenance with every update, newest first.</summary>
internal static class IncidentPage
{
    public static string Render(StatusPageOptions page, SiteData data, Incident incident)
    {
        var names = data.Components.ToDictionary(c => c.Id, c => c.Name);
        var sb = new StringBuilder("<p><a href=\"/\">← Current status</a></p><article class=\"card\">");
        sb.Append("<h2 style=\"margin-top:0\">").Append(Html.E(incident.Name)).Append("</h2>")
            .Append(StatusBadge.Incident(incident.Status, incident.Impact)).Append(' ').Append(IncidentHtml.When(incident));
        if (!incident.IsMaintenance)
        {
            sb.Append("<p class=\"muted\">Impact: ").Append(Html.E(incident.Impact)).Append("</p>");
        }

        if (incident.Components.Count > 0)
        {
            sb.Append("<p class=\"muted\">Affected: ")
                .AppendJoin(", ", incident.Components.Select(a => Html.E(names.GetValueOrDefault(a.ComponentId, a.ComponentId))))
                .Append("</p>");
        }

        sb.Append(IncidentHtml.Updates(incident)).Append("</article>");
        return Layout.Page(page.Name, incident.Name + " – " + page.Name, sb.ToString());
    }
}
