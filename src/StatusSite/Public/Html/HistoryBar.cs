using System.Globalization;
using System.Text;
using StatusSite.Domain;

namespace StatusSite.Public.Html;

/// <summary>The 90-day bar: one cell per day with its worst state and declared downtime as text.</summary>
internal static class HistoryBar
{
    public static string Render(Component component, IEnumerable<HistoryPoint> points, DateTimeOffset now, int days)
    {
        var list = HistoryCalculator.Days(points, component.CreatedAt, now, days);
        var bad = list.Count(d => d.Worst is not "none" and not ComponentStatus.Operational);
        var sb = new StringBuilder();
        sb.Append("<div class=\"bar\" role=\"img\" aria-label=\"")
            .Append(Html.E($"{days}-day history of {component.Name}: {bad} day(s) with incidents or maintenance"))
            .Append("\">");
        foreach (var d in list)
        {
            var label = d.Worst == "none" ? "no data" : ComponentStatus.Label(d.Worst);
            var title = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": " + label +
                (d.DowntimeMinutes > 0 ? $", {d.DowntimeMinutes} min down" : string.Empty);
            var css = d.Worst == "none" ? "none" : "s-" + d.Worst;
            sb.Append("<span class=\"").Append(css).Append("\" title=\"").Append(Html.E(title)).Append("\"></span>");
        }

        sb.Append("</div><div class=\"muted\" style=\"display:flex;justify-content:space-between\"><span>")
            .Append(days).Append(" days ago</span><span>Today</span></div>");
        return sb.ToString();
    }
}
