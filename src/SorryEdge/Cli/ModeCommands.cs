using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>maintenance on|off</c>, <c>redirect on|off</c> and <c>resume</c>: the site's switches.</summary>
internal static class ModeCommands
{
    public static Command Maintenance(CliContext cli) =>
        Switch(cli, "maintenance", "maintenance", "Answer every request with the site's sorry page (503), backends or not");

    public static Command Redirect(CliContext cli) =>
        Switch(cli, "redirect", "redirect", "Redirect every request to the site's redirect URL (302/307)");

    public static Command Resume(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var resume = new Command("resume", "Release a site held down by manual failback, so healthy backends serve again") { site };
        resume.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendAsync(HttpMethod.Post, CliContext.Site(parse.GetValue(site)!) + "/resume", null, c), Summary, ct));
        return resume;
    }

    private static Command Switch(CliContext cli, string name, string mode, string description)
    {
        var site = CliContext.SiteArgument();
        var until = cli.TimeOption("--until", "Switch back to auto by itself at this time", past: false);
        var on = new Command("on", $"{description}; until further notice or --until") { site, until };
        on.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Put, CliContext.Site(parse.GetValue(site)!) + "/mode", new { mode, until = parse.GetValue(until) }, c),
            Summary, ct));

        var offSite = CliContext.SiteArgument();
        var off = new Command("off", "Back to auto: forward to healthy backends, take over only when they fail") { offSite };
        off.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Put, CliContext.Site(parse.GetValue(offSite)!) + "/mode", new { mode = "auto", until = (DateTimeOffset?)null }, c),
            Summary, ct));

        return new Command(name, description) { on, off };
    }

    private static void Summary(JsonNode site, TextWriter output) =>
        output.WriteLine($"{site["id"]}: mode {SiteText.Mode(site)}; answering {site["state"]?["action"]} now.");
}
