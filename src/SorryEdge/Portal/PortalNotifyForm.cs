using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Sites;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The customer's notification addresses for a site (issue #15): who is mailed when it goes down, comes back or enters maintenance.</summary>
internal static class PortalNotifyForm
{
    public static string Render(HttpContext context, SiteEntry entry) =>
        new StringBuilder("<section class=\"card\" aria-labelledby=\"notify-h\"><h2 id=\"notify-h\">Notifications</h2>")
            .Append("<form method=\"post\" action=\"").Append(PortalSitePage.Path(entry)).Append("/notify\">").Append(Antiforgery(context))
            .Append("<label for=\"notify-emails\">E-mail addresses, one per line</label><textarea id=\"notify-emails\" name=\"emails\" rows=\"3\" aria-describedby=\"notify-hint\">")
            .Append(E(string.Join("\n", entry.Site.NotifyEmails))).Append("</textarea>")
            .Append("<p class=\"hint\" id=\"notify-hint\">Mailed once per change after flap damping: down (with the cause), back up (with the outage's length), maintenance on and off.</p>")
            .Append("<button type=\"submit\" id=\"save-notify\">Save addresses</button></form></section>").ToString();
}
