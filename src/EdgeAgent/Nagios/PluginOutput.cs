using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeAgent.Nagios;

/// <summary>
/// The output of a Nagios plugin: the first line's text before '|', and the perfdata after
/// it (on the first line and on the later lines' '|' part), per the plugin development guidelines.
/// </summary>
internal sealed partial record PluginOutput(string Text, IReadOnlyList<PerfDatum> PerfData)
{
    public static PluginOutput Parse(string stdout)
    {
        var lines = stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = lines[0];
        var pipe = first.IndexOf('|', StringComparison.Ordinal);
        var text = (pipe >= 0 ? first[..pipe] : first).Trim();
        var perf = new List<PerfDatum>();
        if (pipe >= 0)
        {
            perf.AddRange(ParsePerfData(first[(pipe + 1)..]));
        }

        // Long output may carry more perfdata after a '|' on a later line.
        var rest = string.Join('\n', lines.Skip(1));
        var restPipe = rest.IndexOf('|', StringComparison.Ordinal);
        if (restPipe >= 0)
        {
            perf.AddRange(ParsePerfData(rest[(restPipe + 1)..]));
        }

        return new PluginOutput(text, perf);
    }

    public static IEnumerable<PerfDatum> ParsePerfData(string text)
    {
        foreach (Match m in PerfItem().Matches(text))
        {
            var label = m.Groups["label"].Value.Trim('\'');
            var fields = m.Groups["rest"].Value.Split(';');
            var valueMatch = ValueAndUnit().Match(fields[0]);
            if (!valueMatch.Success
                || !double.TryParse(valueMatch.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            yield return new PerfDatum(label, value, valueMatch.Groups["u"].Value, Field(fields, 1), Field(fields, 2),
                Number(Field(fields, 3)), Number(Field(fields, 4)));
        }
    }

    private static string? Field(string[] fields, int i) =>
        i < fields.Length && fields[i].Length > 0 ? fields[i] : null;

    private static double? Number(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"(?<label>'[^']+'|[^\s=']+)=(?<rest>\S+)")]
    private static partial Regex PerfItem();

    [GeneratedRegex(@"^(?<v>-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)(?<u>[a-zA-Z%]*)$")]
    private static partial Regex ValueAndUnit();
}
