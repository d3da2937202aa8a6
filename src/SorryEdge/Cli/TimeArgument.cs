using System.Globalization;
using System.Text.RegularExpressions;

namespace SorryEdge.Cli;

/// <summary>
/// Parses a time given on the command line: ISO-8601 (<c>2026-11-22T18:00:00Z</c>) or a
/// duration such as <c>30m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c> counted from now.
/// </summary>
internal static partial class TimeArgument
{
    /// <summary>
    /// A relative value lies in the future (<paramref name="past"/> false: "until 2h") or in the
    /// past ("events since 2h").
    /// </summary>
    public static bool TryParse(string? text, DateTimeOffset now, bool past, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (TryParseDuration(text, out var duration))
        {
            // Whole seconds: "2h" should read as 19:07:24, not 19:07:24.4051951.
            now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
            value = past ? now - duration : now + duration;
            return true;
        }

        // A time without an offset means UTC: the edge runs in UTC and a server's local zone is a guess.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var number = int.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            duration += char.ToLowerInvariant(part.Value[^1]) switch
            {
                'd' => TimeSpan.FromDays(number),
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromSeconds(number),
            };
        }

        return duration > TimeSpan.Zero;
    }

    public const string Help = "ISO-8601 (2026-11-22T18:00:00Z; UTC when no offset) or a duration from now: 45s, 30m, 2h, 1h30m, 1d";

    [GeneratedRegex("^(?<part>[0-9]{1,6}[dhmsDHMS]){1,4}$")]
    private static partial Regex DurationPattern();
}
