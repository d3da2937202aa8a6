using System.Globalization;

namespace StatusSite.Public;

/// <summary>ISO-8601 UTC with milliseconds, the form Statuspage's JSON uses.</summary>
internal static class Iso
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Display(DateTimeOffset value) =>
        value.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
