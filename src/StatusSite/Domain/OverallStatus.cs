namespace StatusSite.Domain;

/// <summary>Statuspage's page-level status: indicator none/minor/major/critical/maintenance with its description.</summary>
internal sealed record OverallStatus(string Indicator, string Description)
{
    public static OverallStatus From(SiteData data)
    {
        var worst = ComponentStatus.Worst(data.Components.Select(c => c.Status));
        var openImpact = data.Incidents.Where(i => !i.IsMaintenance && i.IsOpen)
            .Select(i => IncidentImpact.Rank(i.Impact)).DefaultIfEmpty(0).Max();
        var fromComponents = worst switch
        {
            ComponentStatus.MajorOutage => 3,
            ComponentStatus.PartialOutage => 2,
            ComponentStatus.DegradedPerformance => 1,
            _ => 0,
        };
        var level = Math.Max(fromComponents, openImpact);
        return level switch
        {
            3 => new OverallStatus(IncidentImpact.Critical, "Major System Outage"),
            2 => new OverallStatus(IncidentImpact.Major, "Partial System Outage"),
            1 => new OverallStatus(IncidentImpact.Minor, "Minor Service Outage"),
            _ when worst == ComponentStatus.UnderMaintenance || data.Incidents.Any(i => i.IsMaintenance && i.Status == IncidentStatus.InProgress)
                => new OverallStatus(IncidentImpact.Maintenance, "Service Under Maintenance"),
            _ => new OverallStatus(IncidentImpact.None, "All Systems Operational"),
        };
    }
}
