namespace StatusSite.Domain;

/// <summary>Statuspage's incident and maintenance status values.</summary>
internal static class IncidentStatus
{
    public const string Investigating = "investigating";
    public const string Identified = "identified";
    public const string Monitoring = "monitoring";
    public const string Resolved = "resolved";
    public const string Postmortem = "postmortem";

    public const string Scheduled = "scheduled";
    public const string InProgress = "in_progress";
    public const string Verifying = "verifying";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> IncidentValues =
        [Investigating, Identified, Monitoring, Resolved, Postmortem];

    public static readonly IReadOnlyList<string> MaintenanceValues = [Scheduled, InProgress, Verifying, Completed];

    public static bool IsValidIncident(string? value) => value is not null && IncidentValues.Contains(value);

    public static bool IsValidMaintenance(string? value) => value is not null && MaintenanceValues.Contains(value);

    /// <summary>Closed incidents and finished maintenance no longer affect the page.</summary>
    public static bool IsClosed(string status) => status is Resolved or Postmortem or Completed;

    public static string Label(string status) => status switch
    {
        InProgress => "In progress",
        _ => char.ToUpperInvariant(status[0]) + status[1..],
    };
}
