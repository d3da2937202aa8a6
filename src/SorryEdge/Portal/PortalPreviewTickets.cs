using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SorryEdge.Admin;
using SorryEdge.Operations;

namespace SorryEdge.Portal;

/// <summary>
/// Short-lived, signed preview addresses. A preview is served with <c>CSP: sandbox</c>, so its
/// document has an opaque origin and the browser does not send the SameSite=Strict session
/// cookie with its stylesheet and image requests; the ticket in the path authorises those
/// instead. It names one site version and the token that asked, and expires.
/// </summary>
internal sealed class PortalPreviewTickets(IDataProtectionProvider provider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("SorryEdge.Portal.Preview").ToTimeLimitedDataProtector();

    public string Issue(AdminPrincipal principal, string siteId, int version) =>
        _protector.Protect(string.Join('\n', principal.TokenId, principal.IsStaff ? "1" : "0", principal.CustomerId ?? "", siteId,
            version.ToString(CultureInfo.InvariantCulture)), Lifetime);

    public (AdminPrincipal Principal, string SiteId, int Version)? Read(string ticket)
    {
        try
        {
            var parts = _protector.Unprotect(ticket).Split('\n');
            return parts.Length == 5 && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? (new AdminPrincipal(parts[0], parts[1] == "1", parts[2].Length == 0 ? null : parts[2]), parts[3], version)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
