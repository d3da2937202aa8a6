namespace SorryEdge.Damping;

/// <summary>A site's damping as the API and portal show it.</summary>
internal sealed record DampingView(double Penalty, bool Suppressed, string Published, DateTimeOffset? ReuseAt);
