using System.Globalization;

namespace StatusSite.Public;

/// <summary>ISO-8601 with milliseconds, the form Statuspage's JSON uses: "Z" on a UTC page, the page zone's offset otherwise.</summary>
internal static class Iso
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>As real pages write it: Twilio's (America/Los_Angeles) "2020-06-16T14:00:29.031-07:00", GitHub's (Etc/UTC) "…Z".</summary>
    public static string Format(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        return local.Offset == TimeSpan.Zero && zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
            ? Format(value)
            : local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The configured page time zone; null when the name is unknown (the options validator reports it).</summary>
    public static TimeZoneInfo? Zone(string name) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null;

    public static string Display(DateTimeOffset value) =>
        value.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
