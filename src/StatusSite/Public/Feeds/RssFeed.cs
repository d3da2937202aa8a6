using System.Globalization;
using System.Text;
using System.Xml;
using StatusSite.Domain;

namespace StatusSite.Public.Feeds;

/// <summary>RSS 2.0 feed of incidents and maintenance.</summary>
internal static class RssFeed
{
    public static string Render(StatusPageOptions page, SiteData data)
    {
        var baseUrl = page.Url.TrimEnd('/');
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true }))
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("channel");
            w.WriteElementString("title", page.Name + " status history");
            w.WriteElementString("link", baseUrl + "/");
            w.WriteElementString("description", "Incidents and maintenance of " + page.Name);
            w.WriteElementString("lastBuildDate", Rfc822(data.UpdatedAt));
            foreach (var incident in FeedItems.Select(data))
            {
                var link = FeedItems.Link(baseUrl, incident);
                w.WriteStartElement("item");
                w.WriteElementString("title", incident.Name);
                w.WriteElementString("link", link);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(link);
                w.WriteEndElement();
                w.WriteElementString("pubDate", Rfc822(incident.CreatedAt));
                w.WriteElementString("description", FeedItems.HtmlBody(incident));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Rfc822(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
