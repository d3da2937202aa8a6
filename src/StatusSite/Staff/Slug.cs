using System.Text.RegularExpressions;

namespace StatusSite.Staff;

/// <summary>Component ids are slugs so they are safe in URLs, HTML ids and log lines.</summary>
internal static partial class Slug
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}
