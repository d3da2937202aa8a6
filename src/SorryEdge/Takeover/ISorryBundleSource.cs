namespace SorryEdge.Takeover;

/// <summary>Where the active uploaded sorry page of a site comes from.</summary>
internal interface ISorryBundleSource
{
    /// <summary>The active bundle of a site, or null to use the default page. Reads memory only.</summary>
    SorryBundle? GetActive(string siteId);

    /// <summary>Raised with the site id after a site's active bundle changed.</summary>
    event Action<string>? Changed;
}
