namespace SorryEdge.StatusFeed;

/// <summary>A site's status-page state, captured when its event happened.</summary>
internal sealed record ComponentState(string Status, string Name, string Component);
