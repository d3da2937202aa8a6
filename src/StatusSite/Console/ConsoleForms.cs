using System.Text;
using StatusSite.Domain;
using StatusSite.Public.Html;

namespace StatusSite.Console;

/// <summary>The console's creation forms: incident, maintenance window, components.</summary>
internal static class ConsoleForms
{
    public static string NewIncident(ConsoleModel m)
    {
        var sb = new StringBuilder("<h2>New incident</h2><section class=\"card\">");
        sb.Append(Forms.Open("/console/incidents", m.AntiforgeryToken)).Append(Forms.Input("name", "Title"))
            .Append("<div class=\"row\"><div>")
            .Append(Forms.Select("status", "Status", IncidentStatus.IncidentValues.Take(3).Select(s => (s, IncidentStatus.Label(s)))))
            .Append("</div><div>")
            .Append(Forms.Select("impact", "Impact", IncidentImpact.IncidentValues.Select(s => (s, s)), IncidentImpact.Minor))
            .Append("</div></div>").Append(Forms.Markdown("body-new", "Message"));
        sb.Append(ComponentStates(m, "Affected components", "Not affected"));
        return sb.Append("<button>Open incident</button></form></section>").ToString();
    }

    /// <summary>One select per component named "component:{id}"; the empty choice leaves it alone.</summary>
    public static string ComponentStates(ConsoleModel m, string legend, string emptyChoice)
    {
        if (m.Components.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("<fieldset><legend>").Append(Html.E(legend)).Append("</legend>");
        var options = new[] { (string.Empty, emptyChoice) }.Concat(ComponentStatus.All.Select(s => (s, ComponentStatus.Label(s)))).ToList();
        foreach (var c in m.Components)
        {
            sb.Append(Forms.Select("component:" + c.Id, c.Name + " (now " + ComponentStatus.Label(c.Status).ToLowerInvariant() + ")", options));
        }

        return sb.Append("</fieldset>").ToString();
    }

    public static string NewMaintenance(ConsoleModel m)
    {
        var sb = new StringBuilder("<h2>Schedule maintenance</h2><section class=\"card\">");
        sb.Append(Forms.Open("/console/maintenances", m.AntiforgeryToken)).Append(Forms.Input("name", "Title"))
            .Append("<div class=\"row\"><div>").Append(Forms.Input("scheduledFor", "Starts (UTC)", "datetime-local"))
            .Append("</div><div>").Append(Forms.Input("scheduledUntil", "Ends (UTC)", "datetime-local")).Append("</div></div>")
            .Append(Forms.Markdown("body-maint", "Description"));
        if (m.Components.Count > 0)
        {
            sb.Append("<fieldset><legend>Components under maintenance</legend>");
            foreach (var c in m.Components)
            {
                sb.Append("<label style=\"font-weight:400\"><input type=\"checkbox\" style=\"width:auto\" name=\"components\" value=\"")
                    .Append(Html.E(c.Id)).Append("\"> ").Append(Html.E(c.Name)).Append("</label>");
            }

            sb.Append("</fieldset>");
        }

        return sb.Append("<button>Schedule</button></form></section>").ToString();
    }

    private static readonly (string, string)[] Visibility = [("public", "Published"), ("hidden", "Hidden (staff only)")];

    public static string Subscribers(ConsoleModel m)
    {
        var sb = new StringBuilder("<h2>Subscribers</h2><section class=\"card\">");
        var list = m.Subscribers ?? [];
        if (list.Count == 0)
        {
            sb.Append("<p class=\"muted\">No subscribers yet.</p>");
        }

        foreach (var s in list)
        {
            var state = s.DisabledAt is not null ? "disabled" : s.ConfirmedAt is null ? "unconfirmed" : "confirmed";
            sb.Append("<div class=\"comp subscriber\"><span>").Append(Html.E(s.Kind)).Append(": <strong>").Append(Html.E(s.Address)).Append("</strong> (")
                .Append(state).Append(s.Components is null ? ", all components" : ", " + Html.E(string.Join(", ", s.Components))).Append(")</span><span>")
                .Append(Forms.Open($"/console/subscribers/{s.Id}/remove", m.AntiforgeryToken, "inline")).Append("<button class=\"secondary\">Remove</button></form>");
            if (state == "unconfirmed" && s.Kind == StatusSite.Subscribers.Subscriber.Email)
            {
                sb.Append(' ').Append(Forms.Open($"/console/subscribers/{s.Id}/resend", m.AntiforgeryToken, "inline")).Append("<button class=\"secondary\">Resend confirmation</button></form>");
            }

            sb.Append("</span></div>");
        }

        sb.Append("<h3>Add a subscriber</h3>").Append(Forms.Open("/console/subscribers", m.AntiforgeryToken))
            .Append("<div class=\"row\"><div>").Append(Forms.Select("kind", "Kind", [("email", "E-mail (gets a confirmation mail)"), ("webhook", "Webhook URL")]))
            .Append("</div><div>").Append(Forms.Input("address", "Address or URL")).Append("</div></div><button>Add</button></form></section>");
        return sb.ToString();
    }

    public static string Components(ConsoleModel m)
    {
        var statuses = ComponentStatus.All.Select(s => (s, ComponentStatus.Label(s))).ToList();
        var sb = new StringBuilder("<h2>Components and groups</h2>");
        foreach (var c in m.Components)
        {
            sb.Append("<section class=\"card\">").Append(Forms.Open("/console/components", m.AntiforgeryToken))
                .Append("<input type=\"hidden\" name=\"id\" value=\"").Append(Html.E(c.Id)).Append("\">")
                .Append("<div class=\"row\"><div>").Append(Forms.Input("name", "Name (" + c.Id + ")", value: c.Name))
                .Append("</div><div>").Append(Forms.Input("group", "Group", value: c.Group, required: false))
                .Append("</div><div>").Append(Forms.Select("status", "Status", statuses, c.Status))
                .Append("</div><div>").Append(Forms.Select("visibility", "Public page", Visibility, c.Hidden ? "hidden" : "public")).Append("</div></div>")
                .Append(c.Automatic ? "<p class=\"auto\">Last change was automatic" + (c.Cause is { Length: > 0 } ? ": " + Html.E(c.Cause) : ".") + "</p>" : string.Empty)
                .Append("<button>Save</button></form></section>");
        }

        sb.Append("<section class=\"card\"><h3>Add a component</h3>").Append(Forms.Open("/console/components", m.AntiforgeryToken))
            .Append("<div class=\"row\"><div>").Append(Forms.Input("id", "Id (slug)"))
            .Append("</div><div>").Append(Forms.Input("name", "Name"))
            .Append("</div><div>").Append(Forms.Input("group", "Group", required: false)).Append("</div></div>")
            .Append(Forms.Select("status", "Status", statuses)).Append("<button>Add</button></form></section>");
        return sb.ToString();
    }
}
