using SorryEdge.Operations;

namespace SorryEdge.Pages;

/// <summary>Why an upload was refused, in words the uploader can act on, and what kind of refusal it is.</summary>
internal sealed class BundleRejected(string title, string detail, RefusalKind kind = RefusalKind.Malformed) : Exception(detail)
{
    public string Title { get; } = title;

    public RefusalKind Kind { get; } = kind;

    public Refusal ToRefusal() => new(Kind, Title, Message);
}
