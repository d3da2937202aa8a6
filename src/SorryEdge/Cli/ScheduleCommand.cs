using System.CommandLine;

namespace SorryEdge.Cli;

/// <summary><c>schedule add|list|cancel</c>: maintenance windows applied and lifted on time by the edge.</summary>
internal static class ScheduleCommand
{
    public static Command Build(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var start = cli.TimeOption("--start", "When the window begins", past: false, required: true);
        var end = cli.TimeOption("--end", "When the window ends", past: false, required: true);
        var mode = new Option<string>("--mode") { Description = "What the site does during the window", DefaultValueFactory = _ => "maintenance" };
        mode.AcceptOnlyFromAmong("maintenance", "redirect");
        var add = new Command("add", "Schedule a maintenance window") { site, start, end, mode };
        add.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Post, CliContext.Site(parse.GetValue(site)!) + "/schedules",
                new { start = parse.GetValue(start), end = parse.GetValue(end), mode = parse.GetValue(mode) }, c),
            (w, o) => o.WriteLine($"Window {w["id"]} scheduled: {w["mode"]} from {CliContext.Iso(w["start"])} to {CliContext.Iso(w["end"])}."), ct));

        var listSite = CliContext.SiteArgument();
        var list = new Command("list", "List a site's maintenance windows") { listSite };
        list.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.GetAsync(CliContext.Site(parse.GetValue(listSite)!) + "/schedules", c), ScheduleText.List, ct));

        var cancelSite = CliContext.SiteArgument();
        var window = new Argument<string>("windowId") { Description = "The window's id, as `schedule list` shows it" };
        var cancel = new Command("cancel", "Cancel a maintenance window") { cancelSite, window };
        cancel.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.DeleteAsync(CliContext.Site(parse.GetValue(cancelSite)!) + "/schedules/" + Uri.EscapeDataString(parse.GetValue(window)!), c),
            (_, o) => o.WriteLine($"Window {parse.GetValue(window)} cancelled."), ct));

        return new Command("schedule", "Maintenance windows") { add, list, cancel };
    }
}
