using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/smtp-mode</c>.</summary>
internal sealed record SmtpModeRequest(SmtpMode Mode);
