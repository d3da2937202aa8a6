namespace SorryEdge.Damping;

/// <summary>What the world is told about a site's backends: up, down, or flapping (damped).</summary>
internal enum PublishedState
{
    Up,
    Down,
    Flapping,
}
