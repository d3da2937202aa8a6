using System.CommandLine;

namespace SorryEdge.Cli;

/// <summary><c>sites list</c> and <c>sites show &lt;id&gt;</c>.</summary>
internal static class SitesCommand
{
    public static Command Build(CliContext cli)
    {
        var list = new Command("list", "List the sites the token may see, with what each is answering now");
        list.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync("/api/v1/sites", c), SiteText.List, ct));

        var site = CliContext.SiteArgument();
        var show = new Command("show", "Show one site: mode, what it answers, and the health of each backend") { site };
        show.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync(CliContext.Site(parse.GetValue(site)!), c), SiteText.Show, ct));

        return new Command("sites", "Read sites and their live state") { list, show };
    }
}
