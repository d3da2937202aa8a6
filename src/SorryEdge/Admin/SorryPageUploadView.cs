namespace SorryEdge.Admin;

/// <summary>A stored sorry-page upload: its version, what it holds and where to preview it.</summary>
internal sealed record SorryPageUploadView(int Version, bool Active, int Files, long Bytes, IReadOnlyList<string> Warnings, string Preview);
