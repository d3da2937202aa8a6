namespace SorryEdge.Health;

/// <summary>The last check of a destination, as shown in the site's state.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Success">Whether it counted as good.</param>
/// <param name="Detail">Status code or error, in words.</param>
/// <param name="Source"><c>probe</c> for active checks, <c>request</c> for a failed forwarded request.</param>
public sealed record ProbeResult(DateTimeOffset At, bool Success, string Detail, string Source);
