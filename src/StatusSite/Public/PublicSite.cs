namespace StatusSite.Public;

/// <summary>An immutable rendering of the whole public site, swapped atomically on change.</summary>
internal sealed class PublicSite(IReadOnlyDictionary<string, PublicDocument> documents)
{
    public static readonly PublicSite Empty = new(new Dictionary<string, PublicDocument>());

    public IReadOnlyDictionary<string, PublicDocument> Documents { get; } = documents;

    public PublicDocument? Find(string path) => Documents.GetValueOrDefault(path);
}
