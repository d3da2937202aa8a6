namespace StatusSite.Domain;

/// <summary>Statuspage's impact values; "maintenance" is used by scheduled maintenance only.</summary>
internal static class IncidentImpact
{
    public const string None = "none";
    public const string Minor = "minor";
    public const string Major = "major";
    public const string Critical = "critical";
    public const string Maintenance = "maintenance";

    public static readonly IReadOnlyList<string> IncidentValues = [None, Minor, Major, Critical];

    public static bool IsValid(string? value) => value is not null && IncidentValues.Contains(value);

    public static int Rank(string impact) => impact switch
    {
        Minor => 1,
        Major => 2,
        Critical => 3,
        _ => 0,
    };
}
