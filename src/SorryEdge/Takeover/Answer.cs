namespace SorryEdge.Takeover;

/// <summary>What the edge does with one request.</summary>
public enum Answer
{
    Forward,
    Sorry,
    Redirect,
}
