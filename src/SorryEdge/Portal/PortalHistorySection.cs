using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>A site's recent state changes and audit entries, newest first.</summary>
internal static class PortalHistorySection
{
    public const int Shown = 50;

    public static string Render(IReadOnlyList<StoredEvent> events, IReadOnlyList<AuditEntry> audit)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"card\" aria-labelledby=\"events-h\"><h2 id=\"events-h\">Event history</h2>");
        if (events.Count == 0)
        {
            html.Append("<p>No events yet.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">What</th><th scope=\"col\">Change</th><th scope=\"col\">Cause</th><th scope=\"col\">By</th></tr></thead><tbody>");
            foreach (var e in events.OrderByDescending(e => e.Id).Take(Shown))
            {
                var change = e.From.Length == 0 && e.To.Length == 0 ? "" : $"{e.From} → {e.To}";
                html.Append("<tr><td>").Append(Time(e.At)).Append("</td><td>").Append(E(e.Kind)).Append("</td><td>").Append(E(change))
                    .Append("</td><td>").Append(E(e.Cause)).Append("</td><td>").Append(E(e.Actor ?? "edge")).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section><section class=\"card\" aria-labelledby=\"audit-h\"><h2 id=\"audit-h\">Audit log</h2>");
        if (audit.Count == 0)
        {
            html.Append("<p>No calls recorded yet.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Token</th><th scope=\"col\">Call</th><th scope=\"col\">Status</th></tr></thead><tbody>");
            foreach (var a in audit)
            {
                html.Append("<tr><td>").Append(Time(a.At)).Append("</td><td>").Append(E(a.TokenId ?? "none")).Append("</td><td>").Append(E($"{a.Method} {a.Path}"))
                    .Append("</td><td>").Append(a.Status).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.Append("</section>").ToString();
    }
}
