using StatusSite.Domain;

namespace StatusSite.Public.Html;

/// <summary>Status by colour, icon and text together, so it reads without colour vision too.</summary>
internal static class StatusBadge
{
    public static string Icon(string status) => status switch
    {
        ComponentStatus.Operational or "none" => "✓",
        ComponentStatus.DegradedPerformance or "minor" => "!",
        ComponentStatus.PartialOutage or "major" => "◐",
        ComponentStatus.MajorOutage or "critical" => "✕",
        _ => "⚙",
    };

    public static string Component(string status) =>
        $"<span class=\"badge s-{Html.E(status)}\"><span class=\"icon\" aria-hidden=\"true\">{Icon(status)}</span>{Html.E(ComponentStatus.Label(status))}</span>";

    public static string Incident(string status, string impact)
    {
        var css = IncidentStatus.IsClosed(status) ? "s-operational" : "b-" + impact;
        var icon = IncidentStatus.IsClosed(status) ? "✓" : Icon(impact);
        return $"<span class=\"badge {Html.E(css)}\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>{Html.E(IncidentStatus.Label(status))}</span>";
    }
}
