using System.CommandLine;
using System.CommandLine.Invocation;

namespace SorryEdge.Cli;

/// <summary>
/// The SorryEdge executable's command line for staff and scripts: subcommands that call the
/// admin API. Program.cs hands over when the first argument names one of them.
/// </summary>
internal static class EdgeCli
{
    private static readonly HashSet<string> Entry = new(StringComparer.Ordinal)
    {
        "sites", "maintenance", "redirect", "resume", "schedule", "smtp", "page", "events", "customers", "tokens", "cluster", "help", "--help", "-h", "-?", "--version", "--json",
    };

    /// <summary>Whether these arguments are a CLI call rather than the server's own (configuration overrides).</summary>
    public static bool Handles(string[] args) => args.Length > 0 && Entry.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System), CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken)
    {
        // "help sites" reads naturally; it is the same as "sites --help".
        if (args.Length > 0 && args[0] == "help")
        {
            args = [.. args[1..], "--help"];
        }

        var root = Build(cli);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await cli.Error.WriteLineAsync("error: " + error.Message);
            }

            var command = string.Join(' ', parse.CommandResult.Command is RootCommand ? [] : Path(parse.CommandResult.Command, root));
            await cli.Error.WriteLineAsync($"See 'SorryEdge {command}{(command.Length > 0 ? " " : "")}--help'.");
            return CliExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error }, cancellationToken);
    }

    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand(
            "SorryEdge admin CLI: manage sites, switches, SMTP, sorry pages, customers and tokens through the admin API.\n" +
            $"Environment: {AdminClient.TokenVariable} (required; a staff or customer token), {AdminClient.UrlVariable} (default {AdminClient.DefaultUrl}).\n" +
            CliExitCodes.HelpText + "\n" +
            "Without a subcommand, SorryEdge starts the edge server.")
        {
            SitesCommand.Build(cli),
            ModeCommands.Maintenance(cli),
            ModeCommands.Redirect(cli),
            ModeCommands.Resume(cli),
            ScheduleCommand.Build(cli),
            SmtpCommand.Build(cli),
            PageCommand.Build(cli),
            EventsCommand.Build(cli),
            CustomersCommand.Build(cli),
            TokensCommand.Build(cli),
            ClusterCommand.Build(cli),
        };
        root.Options.Add(CliContext.Json);
        return root;
    }

    private static IEnumerable<string> Path(Command command, RootCommand root)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c && c != root; symbol = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return names;
    }
}
