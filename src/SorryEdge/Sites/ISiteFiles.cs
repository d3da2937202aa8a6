namespace SorryEdge.Sites;

/// <summary>What a site keeps outside its row (its sorry pages): removed once the site is deleted.</summary>
internal interface ISiteFiles
{
    Task DeleteSiteAsync(string siteId, CancellationToken cancellationToken);
}
