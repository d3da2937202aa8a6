namespace SorryEdge.Takeover;

/// <summary>Where the active uploaded sorry page of a site comes from.</summary>
public interface ISorryBundleSource
{
    /// <summary>The active bundle of a site, or null to use the default page.</summary>
    SorryBundle? GetActive(string siteId);
}
