namespace SorryEdge.Takeover;

/// <summary>A customer's uploaded sorry page: <c>index.html</c> and its assets, by relative path.</summary>
/// <param name="Version">The version number of the upload.</param>
/// <param name="Files">File bytes by relative path, e.g. <c>index.html</c>, <c>css/site.css</c>.</param>
internal sealed record SorryBundle(int Version, IReadOnlyDictionary<string, byte[]> Files);
