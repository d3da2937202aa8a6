using System.Text;
using System.Xml;
using StatusSite.Domain;

namespace StatusSite.Public.Feeds;

/// <summary>Atom 1.0 (RFC 4287) feed of incidents and maintenance.</summary>
internal static class AtomFeed
{
    private const string Ns = "http://www.w3.org/2005/Atom";

    public static string Render(StatusPageOptions page, SiteData data)
    {
        var baseUrl = page.Url.TrimEnd('/');
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            w.WriteStartElement("feed", Ns);
            w.WriteElementString("id", Ns, baseUrl + "/history.atom");
            w.WriteElementString("title", Ns, page.Name + " status history");
            w.WriteElementString("updated", Ns, Iso.Format(data.UpdatedAt));
            Link(w, baseUrl + "/history.atom", "self");
            Link(w, baseUrl + "/", "alternate");
            w.WriteStartElement("author", Ns);
            w.WriteElementString("name", Ns, page.Name);
            w.WriteEndElement();
            foreach (var incident in FeedItems.Select(data))
            {
                var link = FeedItems.Link(baseUrl, incident);
                w.WriteStartElement("entry", Ns);
                w.WriteElementString("id", Ns, link);
                w.WriteElementString("title", Ns, incident.Name);
                w.WriteElementString("published", Ns, Iso.Format(incident.CreatedAt));
                w.WriteElementString("updated", Ns, Iso.Format(incident.UpdatedAt));
                Link(w, link, "alternate");
                w.WriteStartElement("content", Ns);
                w.WriteAttributeString("type", "html");
                w.WriteString(FeedItems.HtmlBody(incident));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link", Ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }
}
