namespace StatusSite.Domain;

/// <summary>What one incident update did to one component, as Statuspage's affected_components records it.</summary>
internal sealed record ComponentChange(string Code, string OldStatus, string NewStatus);
