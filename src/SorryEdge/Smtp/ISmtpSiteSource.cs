using Microsoft.Extensions.Primitives;

namespace SorryEdge.Smtp;

/// <summary>
/// The sites that have an SMTP front, as currently configured. The change token fires whenever
/// a site is added, removed or changed (e.g. its mode switched), so listeners and probes follow.
/// </summary>
internal interface ISmtpSiteSource
{
    IReadOnlyList<SmtpSite> Sites { get; }

    IChangeToken GetChangeToken();
}
