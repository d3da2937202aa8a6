namespace SorryEdge.Admin;

/// <summary>Body of <c>PUT /api/v1/sites/{id}/smtp-domains</c>: the recipient domains the site claims on the shared listeners.</summary>
internal sealed record SmtpDomainsRequest(IReadOnlyList<string>? Domains);
