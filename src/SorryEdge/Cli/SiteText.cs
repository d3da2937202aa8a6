using System.Text.Json.Nodes;
using SorryEdge.Health;

namespace SorryEdge.Cli;

/// <summary>Text renderings of the admin API's site view (configuration plus live <c>state</c>).</summary>
internal static class SiteText
{
    public static void List(JsonNode sites, TextWriter output)
    {
        var table = new TextTable("SITE", "CUSTOMER", "MODE", "ANSWERING", "BACKENDS UP", "HOSTNAMES");
        foreach (var site in sites.AsArray().OfType<JsonObject>())
        {
            var destinations = site["state"]?["destinations"]?.AsArray() ?? [];
            var up = destinations.Count(d => (string?)d?["health"] != HealthWords.Unhealthy);
            table.Add((string?)site["id"], (string?)site["customer"], Mode(site), (string?)site["state"]?["action"],
                $"{up}/{destinations.Count}", string.Join(",", site["hostnames"]?.AsArray().Select(h => (string?)h) ?? []));
        }

        table.WriteTo(output, "No sites.");
    }

    public static void Show(JsonNode site, TextWriter output)
    {
        var state = site["state"];
        output.WriteLine($"Site:       {site["id"]}{(site["name"] is { } name ? $" ({name})" : "")}");
        output.WriteLine($"Customer:   {(string?)site["customer"] ?? "- (staff only)"}");
        output.WriteLine($"Hostnames:  {string.Join(", ", site["hostnames"]?.AsArray().Select(h => (string?)h) ?? [])}");
        output.WriteLine($"Mode:       {Mode(site)}");
        output.WriteLine($"Answering:  {state?["action"]} (effective mode {state?["effectiveMode"]}){((bool?)state?["latched"] == true ? ", held down until `resume` (manual failback)" : "")}");
        if ((bool?)state?["backendsDown"] == true)
        {
            output.WriteLine($"Down since: {CliContext.Iso(state?["downSince"])}");
        }

        output.WriteLine($"Takeover:   {site["action"]}, failback {site["failback"]}");
        if (site["smtp"] is JsonObject)
        {
            output.WriteLine($"SMTP:       {Smtp(site)}");
        }

        output.WriteLine();
        var table = new TextTable("BACKEND", "HEALTH", "SINCE", "LAST CHECK");
        foreach (var d in state?["destinations"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var check = d["lastCheck"] is JsonObject c
                ? $"{CliContext.Iso(c["at"])} {((bool?)c["success"] == true ? "ok" : "failed")} {c["detail"]} ({c["source"]})"
                : "none yet";
            table.Add((string?)d["url"], (string?)d["health"], CliContext.Iso(d["since"]), check);
        }

        table.WriteTo(output, "No backends.");
        if (site["schedules"]?.AsArray() is { Count: > 0 } schedules)
        {
            output.WriteLine();
            ScheduleText.List(schedules, output);
        }
    }

    /// <summary>The SMTP front in one line: mode, domains on the shared listeners, own listeners, backend.</summary>
    public static string Smtp(JsonNode site)
    {
        var smtp = site["smtp"];
        static string List(JsonNode? list) => list?.AsArray() is { Count: > 0 } items ? string.Join(",", items.Select(i => (string?)i)) : "none";
        return $"mode {smtp?["mode"]}, domains {List(smtp?["domains"])}, listeners {List(smtp?["listen"])}, backend {(string?)smtp?["backend"] ?? "none"}";
    }

    /// <summary>The configured mode with its end, e.g. "maintenance until 2026-11-22T18:00:00Z".</summary>
    public static string Mode(JsonNode site)
    {
        var mode = (string?)site["mode"] ?? "?";
        return site["modeUntil"] is { } until ? $"{mode} until {CliContext.Iso(until)}" : mode;
    }
}
