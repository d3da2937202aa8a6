using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>events &lt;site&gt; [--since]</c>: the site's state changes and audit trail.</summary>
internal static class EventsCommand
{
    public static Command Build(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var since = cli.TimeOption("--since", "Only events from this time on (a duration counts back from now)", past: true);
        var limit = new Option<int?>("--limit") { Description = "At most this many events (the API's default is 500)" };
        var events = new Command("events", "Show a site's events: health changes, switches, schedules, uploads") { site, since, limit };
        events.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) =>
        {
            var query = new List<string>();
            if (parse.GetValue(since) is { } from)
            {
                query.Add("since=" + Uri.EscapeDataString(from.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (parse.GetValue(limit) is { } max)
            {
                query.Add($"limit={max}");
            }

            var path = CliContext.Site(parse.GetValue(site)!) + "/events" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
            return api.GetAsync(path, c);
        }, List, ct));
        return events;
    }

    private static void List(JsonNode events, TextWriter output)
    {
        var table = new TextTable("AT", "EVENT", "CHANGE", "BY", "CAUSE");
        foreach (var e in events.AsArray().OfType<JsonObject>())
        {
            var change = (string?)e["from"] is { Length: > 0 } from ? $"{from} -> {e["to"]}" : (string?)e["to"];
            table.Add(CliContext.Iso(e["at"]), (string?)e["kind"], change, (string?)e["actor"], (string?)e["cause"]);
        }

        table.WriteTo(output, "No events.");
    }
}
