namespace StatusSite.Domain;

/// <summary>Incidents and scheduled maintenance share one table, as they share one shape in Statuspage.</summary>
internal static class IncidentKind
{
    public const string Incident = "incident";
    public const string Maintenance = "maintenance";
}
