namespace SorryEdge.Admin;

/// <summary>A newly rotated bypass secret, answered once, with the path and URL that set the bypass cookie.</summary>
internal sealed record BypassSecretView(string Secret, string Path, string Url);
