using System.Text;
using StatusSite.Domain;
using StatusSite.Public.Html;

namespace StatusSite.Subscribers;

/// <summary>The public subscription pages: plain forms that work without JavaScript.</summary>
internal static class SubscriberPages
{
    public static string Form(string siteName, IReadOnlyList<Component> components, string? error)
    {
        var sb = new StringBuilder("<h2>Subscribe to updates</h2>");
        if (error is not null)
        {
            sb.Append("<p role=\"alert\" class=\"error\">").Append(Html.E(error)).Append("</p>");
        }

        sb.Append("<section class=\"card\"><form method=\"post\" action=\"/subscribe\">")
            .Append("<label>E-mail address<input name=\"email\" type=\"email\" required autocomplete=\"email\"></label>");
        if (components.Count > 0)
        {
            sb.Append("<fieldset><legend>Only these components (none ticked: everything)</legend>");
            foreach (var c in components)
            {
                sb.Append("<label style=\"font-weight:400\"><input type=\"checkbox\" style=\"width:auto\" name=\"components\" value=\"")
                    .Append(Html.E(c.Id)).Append("\"> ").Append(Html.E(c.FullName)).Append("</label>");
            }

            sb.Append("</fieldset>");
        }

        sb.Append("<button>Subscribe</button></form><p class=\"muted\">We send one mail to confirm; nothing else until you do.</p></section>");
        return Layout.Page(siteName, "Subscribe – " + siteName, sb.ToString());
    }

    public static string Message(string siteName, string title, string text, string? form = null) =>
        Layout.Page(siteName, title + " – " + siteName,
            $"<h2>{Html.E(title)}</h2><section class=\"card\"><p id=\"message\">{Html.E(text)}</p>{form}</section>");

    /// <summary>The page behind the unsubscribe link: one button (a GET never unsubscribes, so link scanners cannot).</summary>
    public static string Unsubscribe(string siteName, string id, string sig) =>
        Message(siteName, "Unsubscribe", "Stop receiving status updates at this address?",
            $"<form method=\"post\" action=\"/subscriptions/unsubscribe?id={Uri.EscapeDataString(id)}&amp;sig={Uri.EscapeDataString(sig)}\">" +
            "<button>Unsubscribe</button></form>");
}
