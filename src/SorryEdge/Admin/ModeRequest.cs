using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/mode</c>.</summary>
public sealed record ModeRequest(SiteMode Mode, DateTimeOffset? Until);
