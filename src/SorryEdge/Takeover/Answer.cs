namespace SorryEdge.Takeover;

/// <summary>What the edge does with one request.</summary>
internal enum Answer
{
    Forward,
    Sorry,
    Redirect,
}
