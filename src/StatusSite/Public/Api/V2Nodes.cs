using System.Text.Json.Nodes;
using StatusSite.Domain;

namespace StatusSite.Public.Api;

/// <summary>
/// Builds the objects of Statuspage's public v2 API: same field names, enum values, nesting and explicit
/// nulls (a widget that reads "resolved_at" must find the key even when it is null).
/// </summary>
internal sealed class V2Nodes(StatusPageOptions page, SiteData data)
{
    private readonly Dictionary<string, Component> _components = data.Components.ToDictionary(c => c.Id);
    private readonly TimeZoneInfo _zone = Iso.Zone(page.TimeZone) ?? TimeZoneInfo.Utc;

    public static string GroupId(string group) =>
        "grp-" + new string(group.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    public JsonObject Page() => new()
    {
        ["id"] = page.Id,
        ["name"] = page.Name,
        ["url"] = page.Url,
        ["time_zone"] = page.TimeZone,
        ["updated_at"] = Time(data.UpdatedAt),
    };

    private string Time(DateTimeOffset value) => Iso.Format(value, _zone);

    public JsonObject Status()
    {
        var overall = OverallStatus.From(data);
        return new JsonObject { ["indicator"] = overall.Indicator, ["description"] = overall.Description };
    }

    /// <summary>Groups appear as components with "group": true and the ids of their members, as in Statuspage.</summary>
    public JsonArray Components()
    {
        var array = new JsonArray();
        var position = 1;
        foreach (var group in data.Components.GroupBy(c => c.Group ?? string.Empty))
        {
            if (group.Key.Length > 0)
            {
                var members = group.ToList();
                array.Add(new JsonObject
                {
                    ["id"] = GroupId(group.Key),
                    ["name"] = group.Key,
                    ["status"] = ComponentStatus.Worst(members.Select(m => m.Status)),
                    ["created_at"] = Time(members.Min(m => m.CreatedAt)),
                    ["updated_at"] = Time(members.Max(m => m.UpdatedAt)),
                    ["position"] = position++,
                    ["description"] = null,
                    ["showcase"] = false,
                    ["start_date"] = null,
                    ["group_id"] = null,
                    ["page_id"] = page.Id,
                    ["group"] = true,
                    ["only_show_if_degraded"] = false,
                    ["components"] = new JsonArray(members.Select(m => (JsonNode?)JsonValue.Create(m.Id)).ToArray()),
                });
            }

            foreach (var c in group)
            {
                array.Add(Component(c, position++));
            }
        }

        return array;
    }

    public JsonArray Incidents(IEnumerable<Incident> incidents) =>
        new(incidents.Select(i => (JsonNode?)Incident(i)).ToArray());

    public JsonObject Incident(Incident incident)
    {
        var node = new JsonObject
        {
            ["id"] = incident.Id,
            ["name"] = incident.Name,
            ["status"] = incident.Status,
            ["created_at"] = Time(incident.CreatedAt),
            ["updated_at"] = Time(incident.UpdatedAt),
            ["monitoring_at"] = incident.MonitoringAt is { } m ? Time(m) : null,
            ["resolved_at"] = incident.ResolvedAt is { } r ? Time(r) : null,
            ["impact"] = incident.Impact,
            ["shortlink"] = page.Url.TrimEnd('/') + "/incidents/" + incident.Id,
            ["started_at"] = Time(incident.StartedAt),
            ["page_id"] = page.Id,
            ["incident_updates"] = new JsonArray(incident.Updates.Reverse().Select((u, i) =>
                (JsonNode?)Update(incident, u, i == incident.Updates.Count - 1)).ToArray()),
            ["components"] = new JsonArray(incident.Components
                .Where(a => _components.ContainsKey(a.ComponentId))
                .Select(a => (JsonNode?)Component(_components[a.ComponentId], _components[a.ComponentId].Position)).ToArray()),
        };
        if (incident.IsMaintenance)
        {
            node["scheduled_for"] = incident.ScheduledFor is { } f ? Time(f) : null;
            node["scheduled_until"] = incident.ScheduledUntil is { } u ? Time(u) : null;
        }
        else
        {
            // Real incidents carry it (githubstatus.com 2024), null unless reminders are set up.
            node["reminder_intervals"] = null;
        }

        return node;
    }

    private JsonObject Update(Incident incident, IncidentUpdate update, bool first)
    {
        // Each update lists what it did to each component, as real pages do; grouped components are
        // named "Group - name". Updates stored before this was recorded fall back to the first update
        // declaring the incident's components.
        var changes = update.Affected
            ?? (first ? incident.Components.Select(a => new ComponentChange(a.ComponentId, ComponentStatus.Operational, a.Status)).ToList() : null);
        JsonArray? affected = changes is null ? null : new JsonArray(changes.Where(a => _components.ContainsKey(a.Code)).Select(a =>
            (JsonNode?)new JsonObject
            {
                ["code"] = a.Code,
                ["name"] = _components[a.Code].FullName,
                ["old_status"] = a.OldStatus,
                ["new_status"] = a.NewStatus,
            }).ToArray());
        if (affected is { Count: 0 })
        {
            affected = null;
        }

        return new JsonObject
        {
            ["id"] = update.Id,
            ["status"] = update.Status,
            ["body"] = update.Body,
            ["incident_id"] = incident.Id,
            ["created_at"] = Time(update.CreatedAt),
            ["updated_at"] = Time(update.CreatedAt),
            ["display_at"] = Time(update.CreatedAt),
            ["affected_components"] = affected,
            ["deliver_notifications"] = true,
            ["custom_tweet"] = null,
            ["tweet_id"] = null,
        };
    }

    private JsonObject Component(Component c, int position) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["status"] = c.Status,
        ["created_at"] = Time(c.CreatedAt),
        ["updated_at"] = Time(c.UpdatedAt),
        ["position"] = position,
        ["description"] = c.Description,
        ["showcase"] = true,
        ["start_date"] = c.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["group_id"] = c.Group is null ? null : GroupId(c.Group),
        ["page_id"] = page.Id,
        ["group"] = false,
        ["only_show_if_degraded"] = false,
    };
}
