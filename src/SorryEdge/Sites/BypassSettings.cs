namespace SorryEdge.Sites;

/// <summary>
/// Lets the customer reach the real backend while the public sees the sorry page: from listed
/// networks, or with a cookie handed out at <c>/.sorry/bypass/{secret}</c>.
/// </summary>
internal sealed record BypassSettings
{
    public IReadOnlyList<string> Cidrs { get; init; } = [];

    /// <summary>Secret part of the bypass URL; rotating it invalidates every issued cookie.</summary>
    public string? Secret { get; init; }
}
