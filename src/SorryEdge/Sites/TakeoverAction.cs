namespace SorryEdge.Sites;

/// <summary>What the edge answers when it takes over for a site.</summary>
public enum TakeoverAction
{
    Sorry,
    Redirect,
}
