using System.Text.Json;
using System.Text.Json.Nodes;
using StatusSite.Domain;

namespace StatusSite.Public.Api;

/// <summary>The eight documents of Statuspage's public v2 API, keyed by their request path.</summary>
internal static class V2Documents
{
    private const int IncidentLimit = 50;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<(string Path, string Json)> Render(StatusPageOptions page, SiteData data)
    {
        var n = new V2Nodes(page, data);
        var incidents = data.Incidents.Where(i => !i.IsMaintenance).ToList();
        var unresolved = incidents.Where(i => i.IsOpen).ToList();
        var maintenances = data.Incidents.Where(i => i.IsMaintenance).OrderByDescending(i => i.ScheduledFor).ToList();
        var upcoming = maintenances.Where(m => m.Status == IncidentStatus.Scheduled).OrderBy(m => m.ScheduledFor).ToList();
        var active = maintenances.Where(m => m.Status is IncidentStatus.InProgress or IncidentStatus.Verifying).ToList();

        yield return ("/api/v2/summary.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["components"] = n.Components(),
            ["incidents"] = n.Incidents(unresolved),
            ["scheduled_maintenances"] = n.Incidents(active.Concat(upcoming)),
            ["status"] = n.Status(),
        }));
        yield return ("/api/v2/status.json", Write(new JsonObject { ["page"] = n.Page(), ["status"] = n.Status() }));
        yield return ("/api/v2/components.json", Write(new JsonObject { ["page"] = n.Page(), ["components"] = n.Components() }));
        yield return ("/api/v2/incidents.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["incidents"] = n.Incidents(incidents.Take(IncidentLimit)),
        }));
        yield return ("/api/v2/incidents/unresolved.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["incidents"] = n.Incidents(unresolved),
        }));
        yield return ("/api/v2/scheduled-maintenances.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["scheduled_maintenances"] = n.Incidents(maintenances.Take(IncidentLimit)),
        }));
        yield return ("/api/v2/scheduled-maintenances/upcoming.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["scheduled_maintenances"] = n.Incidents(upcoming),
        }));
        yield return ("/api/v2/scheduled-maintenances/active.json", Write(new JsonObject
        {
            ["page"] = n.Page(),
            ["scheduled_maintenances"] = n.Incidents(active),
        }));
    }

    private static string Write(JsonObject node) => node.ToJsonString(Indented);
}
