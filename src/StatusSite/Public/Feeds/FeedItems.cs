using System.Text;
using StatusSite.Domain;
using StatusSite.Markdown;

namespace StatusSite.Public.Feeds;

/// <summary>What Atom and RSS share: the newest incidents and maintenance and their HTML bodies.</summary>
internal static class FeedItems
{
    private const int Limit = 50;

    public static IReadOnlyList<Incident> Select(SiteData data) =>
        data.Incidents.OrderByDescending(i => i.UpdatedAt).Take(Limit).ToList();

    public static string Link(string baseUrl, Incident incident) => baseUrl.TrimEnd('/') + "/incidents/" + incident.Id;

    public static string HtmlBody(Incident incident)
    {
        var html = new StringBuilder();
        foreach (var update in incident.Updates.Reverse())
        {
            html.Append("<p><strong>").Append(System.Net.WebUtility.HtmlEncode(IncidentStatus.Label(update.Status)))
                .Append("</strong> &#8212; ").Append(Iso.Display(update.CreatedAt)).Append("</p>")
                .Append(SafeMarkdown.ToHtml(update.Body));
        }

        return html.ToString();
    }
}
