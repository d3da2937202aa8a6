namespace StatusSite.Domain;

/// <summary>A component an incident or maintenance affects, with the status it declared for it.</summary>
internal sealed record AffectedComponent(string ComponentId, string Status);
