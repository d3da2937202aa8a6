namespace SorryEdge.Pages;

/// <summary>An upload that passed every rule: its files by relative path, and the warnings to show.</summary>
internal sealed record ValidatedBundle(IReadOnlyDictionary<string, byte[]> Files, IReadOnlyList<string> Warnings)
{
    public long Bytes => Files.Values.Sum(f => (long)f.Length);
}
