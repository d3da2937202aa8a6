using System.Text;
using StatusSite.Domain;
using StatusSite.Markdown;
using StatusSite.Public.Html;

namespace StatusSite.Console;

/// <summary>The staff console: drafts, open incidents with update forms, new incident, maintenance, components.</summary>
internal static class ConsolePage
{
    // Live preview only; without JavaScript the Preview button posts the same form to a new tab.
    private const string Script = """
        document.addEventListener('DOMContentLoaded',function(){document.querySelectorAll('textarea[data-preview]').forEach(function(t){var out=document.getElementById(t.dataset.preview),timer;
        t.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){var f=new FormData();f.append('body',t.value);
        f.append('__af',t.form.elements['__af'].value);fetch('/console/preview?fragment=1',{method:'POST',body:f,credentials:'same-origin'})
        .then(function(r){return r.text()}).then(function(h){out.innerHTML=h})},250)})})});
        """;

    public static string Render(string siteName, ConsoleModel m)
    {
        var sb = new StringBuilder();
        sb.Append("<p class=\"row\" style=\"align-items:center\"><span>Signed in as <strong>").Append(Html.E(m.User)).Append("</strong></span>")
            .Append(Forms.Open("/logout", m.AntiforgeryToken, "inline")).Append("<button class=\"secondary\">Sign out</button></form></p>");
        if (m.Message is not null)
        {
            sb.Append("<p role=\"alert\" class=\"").Append(m.IsError ? "error" : "muted").Append("\">").Append(Html.E(m.Message)).Append("</p>");
        }

        var drafts = m.Incidents.Where(i => i.Draft).ToList();
        sb.Append("<h2>Automatic drafts</h2>");
        if (drafts.Count == 0)
        {
            sb.Append("<p class=\"muted\">No drafts waiting.</p>");
        }

        foreach (var d in drafts)
        {
            sb.Append("<article class=\"card\"><h3>").Append(Html.E(d.Name)).Append("</h3>").Append(StatusBadge.Incident(d.Status, d.Impact))
                .Append(IncidentHtml.Updates(d))
                .Append(Forms.Open($"/console/incidents/{d.Id}/publish", m.AntiforgeryToken, "inline")).Append("<button>Publish</button></form> ")
                .Append(Forms.Open($"/console/incidents/{d.Id}/discard", m.AntiforgeryToken, "inline"))
                .Append("<button class=\"secondary\">Discard</button></form></article>");
        }

        sb.Append("<h2>Open incidents and maintenance</h2>");
        var open = m.Incidents.Where(i => !i.Draft && i.IsOpen).ToList();
        if (open.Count == 0)
        {
            sb.Append("<p class=\"muted\">Nothing open.</p>");
        }

        foreach (var i in open)
        {
            var statuses = i.IsMaintenance ? IncidentStatus.MaintenanceValues : IncidentStatus.IncidentValues;
            sb.Append("<article class=\"card\"><h3><a href=\"/incidents/").Append(Html.E(i.Id)).Append("\">").Append(Html.E(i.Name)).Append("</a></h3>")
                .Append(StatusBadge.Incident(i.Status, i.Impact)).Append(' ').Append(IncidentHtml.When(i))
                .Append(Forms.Open($"/console/incidents/{i.Id}/updates", m.AntiforgeryToken))
                .Append(Forms.Select("status", "New status", statuses.Select(s => (s, IncidentStatus.Label(s))), i.Status))
                .Append(Forms.Markdown("body-" + i.Id, "Update"))
                .Append(i.IsMaintenance ? string.Empty : ConsoleForms.ComponentStates(m, "Change component states", "Unchanged"))
                .Append("<button>Post update</button></form></article>");
        }

        sb.Append(ConsoleForms.NewIncident(m)).Append(ConsoleForms.NewMaintenance(m)).Append(ConsoleForms.Components(m))
            .Append(ConsoleForms.Subscribers(m));
        var head = $"<script nonce=\"{m.Nonce}\">{Script}</script>";
        return Layout.Page(siteName, "Console – " + siteName, sb.ToString(), head);
    }

    public static string Preview(string siteName, string markdown, bool fragment)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        return fragment ? html : Layout.Page(siteName, "Preview", "<h2>Preview</h2><div class=\"card md\">" + html + "</div>");
    }

    public static string Login(string siteName, string token, string? error) =>
        Layout.Page(siteName, "Sign in – " + siteName,
            "<h2>Staff sign-in</h2>" + (error is null ? string.Empty : $"<p role=\"alert\" class=\"error\">{Html.E(error)}</p>") +
            "<div class=\"card\">" + Forms.Open("/login", token) + Forms.Input("username", "User name") +
            Forms.Input("password", "Password", "password") + "<button>Sign in</button></form></div>");
}
