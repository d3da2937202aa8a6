namespace SorryEdge.Sites;

/// <summary>What the edge answers when it takes over for a site.</summary>
internal enum TakeoverAction
{
    Sorry,
    Redirect,
}
