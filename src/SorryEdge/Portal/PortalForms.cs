using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace SorryEdge.Portal;

/// <summary>Reads form values: datetime-local inputs are taken as UTC, as the pages say.</summary>
internal static class PortalForms
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff"];

    /// <summary>Empty input is null with success; anything unreadable fails.</summary>
    public static bool TryParseUtc(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }

    /// <summary>
    /// A choice by its name (case-insensitive), never by number: the wire words the API takes. Anything
    /// else is a value outside the enum, which the operation refuses in its own words.
    /// </summary>
    public static T ParseEnum<T>(StringValues value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value.ToString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value.ToString(), out _)
            ? parsed
            : (T)Enum.ToObject(typeof(T), int.MinValue);

    /// <summary>A textarea's entries: one per line or comma-separated (and per <paramref name="extra"/>), blanks dropped.</summary>
    public static IReadOnlyList<string> Lines(StringValues value, params char[] extra) =>
        value.ToString().Split(['\n', '\r', ',', .. extra], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
