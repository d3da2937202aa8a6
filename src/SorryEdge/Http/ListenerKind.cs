namespace SorryEdge.Http;

/// <summary>Which of the edge's listeners a connection arrived on.</summary>
internal enum ListenerKind
{
    Data,
    Admin,
}
