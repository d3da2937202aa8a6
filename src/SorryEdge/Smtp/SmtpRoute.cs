using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>Where one recipient goes: the kind, the site (unless unknown) and the backend MX (when relayed).</summary>
internal readonly record struct SmtpRoute(SmtpRouteKind Kind, SmtpSite? Site = null, SmtpHostPort? Backend = null);
