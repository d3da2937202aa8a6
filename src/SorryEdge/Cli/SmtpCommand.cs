using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>smtp mode</c> and <c>smtp domains</c>: a site's mail front (what <c>sites show</c> prints under SMTP).</summary>
internal static class SmtpCommand
{
    public static Command Build(CliContext cli)
    {
        var site = CliContext.SiteArgument();
        var mode = new Argument<string>("mode") { Description = "auto (forward while the mail server answers), tempfail (defer all mail) or passthrough (always forward)" };
        mode.AcceptOnlyFromAmong("auto", "tempfail", "passthrough");
        var setMode = new Command("mode", "Switch a site's SMTP mode") { site, mode };
        setMode.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Put, CliContext.Site(parse.GetValue(site)!) + "/smtp-mode", new { mode = parse.GetValue(mode) }, c),
            Summary, ct));

        var domainsSite = CliContext.SiteArgument();
        var domains = new Argument<string[]>("domains") { Description = "Recipient domains the site claims on the shared listeners (example.com, *.example.com); none clears them", Arity = ArgumentArity.ZeroOrMore };
        var setDomains = new Command("domains", "Replace the domains a site claims on the shared SMTP listeners (staff)") { domainsSite, domains };
        setDomains.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Put, CliContext.Site(parse.GetValue(domainsSite)!) + "/smtp-domains", new { domains = parse.GetValue(domains) ?? [] }, c),
            Summary, ct));

        return new Command("smtp", "A site's mail front: SMTP mode and shared-listener domains") { setMode, setDomains };
    }

    private static void Summary(JsonNode site, TextWriter output) =>
        output.WriteLine($"{site["id"]}: {SiteText.Smtp(site)}.");
}
