using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/mode</c>.</summary>
internal sealed record ModeRequest(SiteMode Mode, DateTimeOffset? Until);
