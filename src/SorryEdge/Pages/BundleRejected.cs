namespace SorryEdge.Pages;

/// <summary>Why an upload was refused, in words the uploader can act on.</summary>
public sealed class BundleRejected(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
}
