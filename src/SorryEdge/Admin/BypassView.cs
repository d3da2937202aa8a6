namespace SorryEdge.Admin;

/// <summary>A site's bypass networks as the admin API answers them; the secret itself is never shown again.</summary>
internal sealed record BypassView(IReadOnlyList<string> Cidrs, bool HasSecret);
