using System.Text;
using System.Text.Json.Nodes;
using MailOutbox;
using StatusSite.Domain;
using StatusSite.Public;
using StatusSite.Public.Api;

namespace StatusSite.Subscribers;

/// <summary>What a subscriber receives for a notice: a plain-text mail with RFC 8058 unsubscribe headers, or Statuspage's webhook JSON.</summary>
internal sealed class NotificationComposer(StatusPageOptions page, SiteData data, LinkSigner links)
{
    private readonly V2Nodes _nodes = new(page, data);
    private readonly OverallStatus _overall = OverallStatus.From(data);

    public OutboxMail IncidentMail(Subscriber s, Incident incident, IncidentUpdate update)
    {
        var what = incident.IsMaintenance ? "Scheduled maintenance" : "Incident";
        var sb = new StringBuilder();
        sb.Append(what).Append(": ").Append(incident.Name).Append('\n')
            .Append("Status: ").Append(IncidentStatus.Label(update.Status)).Append('\n');
        if (incident.IsMaintenance && incident.ScheduledFor is { } from)
        {
            sb.Append("Scheduled: ").Append(Iso.Display(from)).Append(" – ").Append(incident.ScheduledUntil is { } until ? Iso.Display(until) : "open").Append('\n');
        }

        var affected = (update.Affected ?? []).Where(a => data.Components.Any(c => c.Id == a.Code)).ToList();
        foreach (var a in affected)
        {
            var c = data.Components.First(x => x.Id == a.Code);
            sb.Append("Component: ").Append(c.FullName).Append(" – ").Append(ComponentStatus.Label(a.NewStatus)).Append('\n');
        }

        sb.Append('\n').Append(update.Body.Trim()).Append("\n\n")
            .Append("Details: ").Append(page.Url.TrimEnd('/')).Append("/incidents/").Append(incident.Id).Append('\n');
        var subject = $"[{page.Name}] {incident.Name}: {IncidentStatus.Label(update.Status)}";
        return Mail(s, subject, sb.ToString());
    }

    public OutboxMail ComponentMail(Subscriber s, Component component, string oldStatus, string newStatus)
    {
        var flapping = ComponentStatus.IsFlapping(component) && newStatus == ComponentStatus.DegradedPerformance ? " (flapping)" : string.Empty;
        var body = $"""
            {component.FullName} changed from {ComponentStatus.Label(oldStatus).ToLowerInvariant()} to {ComponentStatus.Label(newStatus).ToLowerInvariant()}{flapping}.

            Current status of {page.Name}: {_overall.Description}
            {page.Url.TrimEnd('/')}/

            """;
        return Mail(s, $"[{page.Name}] {component.FullName} is {ComponentStatus.Label(newStatus).ToLowerInvariant()}", body);
    }

    public string IncidentWebhook(Subscriber s, Incident incident) =>
        Envelope(s, "incident", _nodes.Incident(incident)).ToJsonString();

    public string ComponentWebhook(Subscriber s, Component component, string oldStatus, string newStatus, DateTimeOffset at)
    {
        var root = Envelope(s, "component", null);
        root["component_update"] = new JsonObject
        {
            ["created_at"] = Iso.Format(at),
            ["new_status"] = newStatus,
            ["old_status"] = oldStatus,
            ["id"] = Data.RowIds.New(),
            ["component_id"] = component.Id,
        };
        root["component"] = new JsonObject
        {
            ["created_at"] = Iso.Format(component.CreatedAt),
            ["id"] = component.Id,
            ["name"] = component.FullName,
            ["status"] = newStatus,
        };
        return root.ToJsonString();
    }

    private JsonObject Envelope(Subscriber s, string key, JsonNode? node)
    {
        var root = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["unsubscribe"] = links.Link(LinkSigner.Unsubscribe, s.Id),
                ["documentation"] = page.Url.TrimEnd('/') + "/api/v2/summary.json",
            },
            ["page"] = new JsonObject
            {
                ["id"] = page.Id,
                ["status_indicator"] = _overall.Indicator,
                ["status_description"] = _overall.Description,
            },
        };
        if (node is not null)
        {
            root[key] = node;
        }

        return root;
    }

    private OutboxMail Mail(Subscriber s, string subject, string body)
    {
        var unsubscribe = links.Link(LinkSigner.Unsubscribe, s.Id);
        var text = body + $"\n--\nYou receive this because you subscribed to {page.Name}.\nUnsubscribe with one click: {unsubscribe}\n";
        // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the URL without showing a page.
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = $"{page.Name} <{page.Id}.status>",
        };
        return new OutboxMail(s.Address, subject, text, headers);
    }
}
