namespace SorryEdge.Takeover;

/// <summary>No uploaded pages: every site gets the default sorry page.</summary>
public sealed class NoSorryBundles : ISorryBundleSource
{
    public SorryBundle? GetActive(string siteId) => null;
}
