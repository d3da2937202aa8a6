namespace StatusSite.Domain;

/// <summary>
/// Statuspage's page-level status: indicator none/minor/major/critical/maintenance with its description, computed
/// as real pages do (GitHub 2020-04-02: some components in major outage is "major" / "Partial System Outage", only
/// all of them is "critical"; Twilio 2020-06-16: degraded components read "Partially Degraded Service"). The worse of
/// the components' level and the open incidents' impact wins; on a tie the components' wording is kept.
/// </summary>
internal sealed record OverallStatus(string Indicator, string Description)
{
    private static readonly OverallStatus Operational = new(IncidentImpact.None, "All Systems Operational");
    private static readonly OverallStatus Maintenance = new(IncidentImpact.Maintenance, "Service Under Maintenance");

    public static OverallStatus From(SiteData data)
    {
        var fromComponents = FromComponents(data.Components.Select(c => c.Status).ToList());
        var openImpact = data.Incidents.Where(i => !i.IsMaintenance && i.IsOpen)
            .Select(i => IncidentImpact.Rank(i.Impact)).DefaultIfEmpty(0).Max();
        var fromIncidents = openImpact switch
        {
            3 => new OverallStatus(IncidentImpact.Critical, "Major System Outage"),
            2 => new OverallStatus(IncidentImpact.Major, "Partial System Outage"),
            1 => new OverallStatus(IncidentImpact.Minor, "Minor Service Outage"),
            _ => Operational,
        };
        var worst = IncidentImpact.Rank(fromIncidents.Indicator) > IncidentImpact.Rank(fromComponents.Indicator) ? fromIncidents : fromComponents;
        if (worst.Indicator == IncidentImpact.None
            && data.Incidents.Any(i => i.IsMaintenance && i.Status is IncidentStatus.InProgress or IncidentStatus.Verifying))
        {
            return Maintenance;
        }

        return worst;
    }

    /// <summary>Only the components given count: the public page passes its published ones, never hidden ones.</summary>
    public static OverallStatus FromComponents(IReadOnlyList<string> statuses)
    {
        if (statuses.Count > 0 && statuses.All(s => s == ComponentStatus.MajorOutage))
        {
            return new OverallStatus(IncidentImpact.Critical, "Major System Outage");
        }

        if (statuses.Contains(ComponentStatus.MajorOutage))
        {
            return new OverallStatus(IncidentImpact.Major, "Partial System Outage");
        }

        if (statuses.Contains(ComponentStatus.PartialOutage))
        {
            return new OverallStatus(IncidentImpact.Minor, "Minor Service Outage");
        }

        if (statuses.Contains(ComponentStatus.DegradedPerformance))
        {
            return new OverallStatus(IncidentImpact.Minor, "Partially Degraded Service");
        }

        return statuses.Contains(ComponentStatus.UnderMaintenance) ? Maintenance : Operational;
    }
}
