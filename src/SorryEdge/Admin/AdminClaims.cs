using System.Security.Claims;
using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>Turns an <see cref="AdminPrincipal"/> into claims and back: the caller lives in <c>HttpContext.User</c>.</summary>
internal static class AdminClaims
{
    /// <summary>The caller's identity: token id, staff flag and, for customer tokens, the customer id.</summary>
    public static ClaimsIdentity ToIdentity(this AdminPrincipal principal, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(AdminAuthNames.TokenIdClaim, principal.TokenId),
            new(AdminAuthNames.StaffClaim, principal.IsStaff ? "true" : "false"),
        };
        if (principal.CustomerId is not null)
        {
            claims.Add(new Claim(AdminAuthNames.CustomerClaim, principal.CustomerId));
        }

        return new ClaimsIdentity(claims, authenticationType);
    }

    /// <summary>
    /// The caller, or null when the user was not authenticated by a bearer token or a checked
    /// portal session (a portal cookie alone, whose server-side session may have ended, is not enough).
    /// </summary>
    public static AdminPrincipal? ToAdminPrincipal(this ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity.AuthenticationType is AdminAuthNames.Scheme or AdminAuthNames.PortalSessionType
                && identity.FindFirst(AdminAuthNames.TokenIdClaim)?.Value is { } tokenId)
            {
                return new AdminPrincipal(tokenId, identity.FindFirst(AdminAuthNames.StaffClaim)?.Value == "true",
                    identity.FindFirst(AdminAuthNames.CustomerClaim)?.Value);
            }
        }

        return null;
    }

    /// <summary>The caller of an endpoint that requires one (an admin API policy or the portal's session filter).</summary>
    public static AdminPrincipal RequireAdminPrincipal(this ClaimsPrincipal user) =>
        user.ToAdminPrincipal() ?? throw new InvalidOperationException("The endpoint ran without an authenticated admin caller; it needs an admin policy or the portal session filter.");
}
