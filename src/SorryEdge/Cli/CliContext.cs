using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary>
/// What every command shares: where output goes, the environment the token comes from, the
/// clock for relative times, and the one way a command calls the API and reports the result.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Func<string, string?> environment, TimeProvider time)
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the admin API's JSON answer as is instead of text",
        Recursive = true,
    };

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public TimeProvider Time { get; } = time;

    /// <summary>An absolute URL on the admin listener, for links the API answers as paths.</summary>
    public string AdminUrl(string? path) =>
        (environment(AdminClient.UrlVariable) is { Length: > 0 } url ? url.Trim() : AdminClient.DefaultUrl).TrimEnd('/') + path;

    /// <summary>
    /// Runs one API call: prints the raw JSON with <c>--json</c>, else the text from
    /// <paramref name="human"/>; any failure goes to stderr with its exit code.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<AdminClient, CancellationToken, Task<ApiAnswer>> call, Action<JsonNode, TextWriter> human, CancellationToken cancellationToken)
    {
        try
        {
            using var client = AdminClient.FromEnvironment(environment);
            var answer = await call(client, cancellationToken);
            if (parse.GetValue(Json))
            {
                await Out.WriteLineAsync(string.IsNullOrWhiteSpace(answer.Body) ? "{}" : answer.Body);
            }
            else
            {
                human(answer.Json, Out);
            }

            return CliExitCodes.Success;
        }
        catch (CliFailure failure)
        {
            await Error.WriteLineAsync("error: " + failure.Message);
            return failure.ExitCode;
        }
    }

    /// <summary>A time option that accepts ISO-8601 or a duration; a bad value is a usage error before any call.</summary>
    public Option<DateTimeOffset?> TimeOption(string name, string description, bool past, bool required = false) => new(name)
    {
        Description = $"{description}: {TimeArgument.Help}",
        HelpName = "time",
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TimeArgument.TryParse(text, Time.GetUtcNow(), past, out var value))
            {
                return value;
            }

            result.AddError($"'{text}' is not a time for {name}; use {TimeArgument.Help}.");
            return null;
        },
    };

    public static Argument<string> SiteArgument() => new("site") { Description = "The site's id" };

    public static string Site(string id) => "/api/v1/sites/" + Uri.EscapeDataString(id);

    public static string Iso(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";

    public static string Iso(JsonNode? value) => value is null ? "-" : DateTimeOffset.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t) ? Iso(t) : value.ToString();
}
