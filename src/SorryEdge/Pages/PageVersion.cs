namespace SorryEdge.Pages;

/// <summary>One stored version of a site's sorry page.</summary>
internal sealed record PageVersion(int Version, DateTimeOffset CreatedAt, int Files, long Bytes, string Sha256, IReadOnlyList<string> Warnings, bool Active);
