using Microsoft.Extensions.Options;
using StatusSite.Domain;
using StatusSite.Public.Api;
using StatusSite.Public.Feeds;
using StatusSite.Public.Html;

namespace StatusSite.Public;

/// <summary>Renders every public document (HTML, v2 JSON, feeds) from one SiteData, for serving and for export.</summary>
internal sealed class PublicSiteRenderer(IOptions<StatusPageOptions> options, TimeProvider time)
{
    private const string HtmlType = "text/html; charset=utf-8";

    public PublicSite Render(SiteData data)
    {
        var page = options.Value;
        var now = time.GetUtcNow();
        var modified = data.UpdatedAt;
        var docs = new Dictionary<string, PublicDocument>(StringComparer.Ordinal);
        void Add(string path, string export, string type, string content) =>
            docs[path] = new PublicDocument(path, export, type, content, modified);

        Add("/", "index.html", HtmlType, IndexPage.Render(page, data, now));
        foreach (var incident in data.Incidents)
        {
            Add("/incidents/" + incident.Id, $"incidents/{incident.Id}/index.html", HtmlType, IncidentPage.Render(page, data, incident));
        }

        foreach (var (path, json) in V2Documents.Render(page, data))
        {
            Add(path, path.TrimStart('/'), "application/json; charset=utf-8", json);
        }

        var atom = AtomFeed.Render(page, data);
        var rss = RssFeed.Render(page, data);
        Add("/history.atom", "history.atom", "application/atom+xml; charset=utf-8", atom);
        Add("/history.rss", "history.rss", "application/rss+xml; charset=utf-8", rss);
        Add("/maintenance.ics", "maintenance.ics", "text/calendar; charset=utf-8", ICalendarFeed.Render(page, data));
        return new PublicSite(docs);
    }
}
