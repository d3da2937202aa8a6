using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Sites;
using SorryEdge.Smtp;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>The site's mail front: what it answers, its domains and listeners, the SMTP mode switch, and (staff) the domains.</summary>
internal static class PortalSmtpSection
{
    public static string Render(HttpContext context, SiteEntry entry)
    {
        if (entry.Site.Smtp is not { } smtp)
        {
            return "";
        }

        var path = PortalSitePage.Path(entry);
        var verdict = context.RequestServices.GetRequiredService<SmtpBackendMonitor>().GetVerdict(entry.Id);
        var forwarding = SmtpForwarding.Backend(smtp, verdict) is not null;
        var html = new StringBuilder();
        html.Append("<section class=\"card\" aria-labelledby=\"smtp-h\"><h2 id=\"smtp-h\">Mail (SMTP)</h2><p id=\"smtp-state\">")
            .Append(forwarding ? "<strong>Forwarding</strong> mail to the mail server" : "<strong>Deferring</strong> mail (senders retry later; nothing is lost)")
            .Append(" · SMTP mode <strong>").Append(E(SmtpSwitch.Name(smtp.Mode))).Append("</strong>")
            .Append(smtp.Backend is null ? "" : $" · mail server {E(smtp.Backend)} {E(verdict.ToString().ToLowerInvariant())}").Append("</p>")
            .Append("<p class=\"hint\" id=\"smtp-domains\">Domains on the shared MX: ").Append(smtp.Domains.Count == 0 ? "none" : E(string.Join(", ", smtp.Domains)))
            .Append(" · own listeners: ").Append(smtp.Listen.Count == 0 ? "none" : E(string.Join(", ", smtp.Listen))).Append("</p>");
        html.Append("<form method=\"post\" action=\"").Append(path).Append("/smtp-mode\">").Append(Antiforgery(context)).Append("<fieldset><legend>SMTP mode</legend>");
        foreach (var (mode, label) in new[]
        {
            (SmtpMode.Auto, "Auto — forward while the mail server answers, defer when not"),
            (SmtpMode.Tempfail, "Tempfail — defer all mail (451/421, senders retry)"),
            (SmtpMode.Passthrough, "Passthrough — always forward"),
        })
        {
            var value = SmtpSwitch.Name(mode);
            var disabled = mode == SmtpMode.Passthrough && smtp.Backend is null;
            html.Append("<div><input type=\"radio\" name=\"mode\" id=\"smtp-mode-").Append(value).Append("\" value=\"").Append(value).Append('"')
                .Append(smtp.Mode == mode ? " checked" : "").Append(disabled ? " disabled" : "").Append("> <label style=\"display:inline\" for=\"smtp-mode-").Append(value).Append("\">")
                .Append(E(label)).Append(disabled ? " (no mail server configured)" : "").Append("</label></div>");
        }

        html.Append("</fieldset><button type=\"submit\" id=\"switch-smtp-mode\">Switch SMTP mode</button></form>");
        if (context.User.RequireAdminPrincipal().IsStaff)
        {
            html.Append("<form method=\"post\" action=\"").Append(path).Append("/smtp-domains\">").Append(Antiforgery(context))
                .Append("<label for=\"domains\">Domains (one per line; <code>*.example.com</code> for subdomains)</label><textarea id=\"domains\" name=\"domains\" rows=\"3\">")
                .Append(E(string.Join("\n", smtp.Domains))).Append("</textarea><button type=\"submit\" id=\"save-smtp-domains\">Save domains</button></form>");
        }

        return html.Append("</section>").ToString();
    }
}
