using System.Text;
using StatusSite.Domain;
using StatusSite.Markdown;

namespace StatusSite.Public.Html;

/// <summary>An incident or maintenance as a card (summary) or with all its updates, newest first.</summary>
internal static class IncidentHtml
{
    public static string Card(Incident incident)
    {
        var sb = new StringBuilder("<article class=\"card\">");
        sb.Append("<h3><a href=\"/incidents/").Append(Html.E(incident.Id)).Append("\">").Append(Html.E(incident.Name)).Append("</a></h3>")
            .Append(StatusBadge.Incident(incident.Status, incident.Impact)).Append(' ').Append(When(incident));
        var latest = incident.Updates.Count > 0 ? incident.Updates[^1] : null;
        if (latest is not null)
        {
            sb.Append("<div class=\"update\"><div class=\"md\">").Append(SafeMarkdown.ToHtml(latest.Body)).Append("</div>")
                .Append("<div class=\"muted\">").Append(Iso.Display(latest.CreatedAt)).Append(Automatic(latest)).Append("</div></div>");
        }

        return sb.Append("</article>").ToString();
    }

    public static string Updates(Incident incident)
    {
        var sb = new StringBuilder();
        foreach (var u in incident.Updates.Reverse())
        {
            sb.Append("<section class=\"update\"><h3>").Append(StatusBadge.Incident(u.Status, incident.Impact)).Append("</h3>")
                .Append("<div class=\"md\">").Append(SafeMarkdown.ToHtml(u.Body)).Append("</div>")
                .Append("<div class=\"muted\"><time datetime=\"").Append(Iso.Format(u.CreatedAt)).Append("\">")
                .Append(Iso.Display(u.CreatedAt)).Append("</time>").Append(Automatic(u)).Append("</div></section>");
        }

        return sb.ToString();
    }

    public static string When(Incident incident) => incident.IsMaintenance && incident.ScheduledFor is { } from
        ? $"<span class=\"muted\">Scheduled {Iso.Display(from)} – {(incident.ScheduledUntil is { } until ? Iso.Display(until) : "open")}</span>"
        : $"<span class=\"muted\">Started {Iso.Display(incident.StartedAt)}</span>";

    private static string Automatic(IncidentUpdate update) =>
        update.Automatic ? " · <span class=\"auto\">automatic update</span>" : string.Empty;
}
