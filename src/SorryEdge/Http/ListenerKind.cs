namespace SorryEdge.Http;

/// <summary>Which of the edge's listeners a connection arrived on.</summary>
public enum ListenerKind
{
    Data,
    Admin,
}
