using System.Globalization;
using System.Text;
using StatusSite.Domain;
using StatusSite.Markdown;

namespace StatusSite.Public.Feeds;

/// <summary>RFC 5545 calendar of scheduled maintenance: CRLF line ends, lines folded at 75 octets.</summary>
internal static class ICalendarFeed
{
    public static string Render(StatusPageOptions page, SiteData data)
    {
        var host = new Uri(page.Url).Host;
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//SorryEdge//StatusSite//EN");
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        Line(sb, "X-WR-CALNAME:" + Escape(page.Name + " maintenance"));
        foreach (var m in data.Incidents.Where(i => i.IsMaintenance && i.ScheduledFor is not null && i.ScheduledUntil is not null))
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + m.Id + "@" + host);
            Line(sb, "DTSTAMP:" + Utc(m.UpdatedAt));
            Line(sb, "DTSTART:" + Utc(m.ScheduledFor!.Value));
            Line(sb, "DTEND:" + Utc(m.ScheduledUntil!.Value));
            Line(sb, "SUMMARY:" + Escape(m.Name));
            var body = m.Updates.Count > 0 ? SafeMarkdown.ToPlainText(m.Updates[0].Body) : string.Empty;
            Line(sb, "DESCRIPTION:" + Escape(body));
            Line(sb, "URL:" + page.Url.TrimEnd('/') + "/incidents/" + m.Id);
            Line(sb, "STATUS:" + (m.Status == IncidentStatus.Completed ? "CONFIRMED" : "TENTATIVE"));
            Line(sb, "END:VEVENT");
        }

        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    private static string Utc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);

    // RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and one space, never inside a UTF-8 sequence.
    private static void Line(StringBuilder sb, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }
}
