using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;

namespace SorryEdge.Portal;

/// <summary>The portal's cookie session: its own scheme, carrying the token id and scope, never the token.</summary>
internal static class PortalAuth
{
    public const string Scheme = "SorryEdge.Portal";
    public const string CookieName = "SorryEdge.Portal";
    public const string TokenIdClaim = "sorryedge:token";
    public const string StaffClaim = "sorryedge:staff";
    public const string CustomerClaim = "sorryedge:customer";

    public static Task SignInAsync(HttpContext context, AdminPrincipal principal)
    {
        var claims = new List<Claim>
        {
            new(TokenIdClaim, principal.TokenId),
            new(StaffClaim, principal.IsStaff ? "true" : "false"),
        };
        if (principal.CustomerId is not null)
        {
            claims.Add(new Claim(CustomerClaim, principal.CustomerId));
        }

        return context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
    }

    /// <summary>Reads the session cookie; null when there is none or it does not verify.</summary>
    public static async Task<AdminPrincipal?> ReadAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(TokenIdClaim) is not { } tokenId)
        {
            return null;
        }

        return new AdminPrincipal(tokenId, result.Principal.FindFirstValue(StaffClaim) == "true", result.Principal.FindFirstValue(CustomerClaim));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>True when the portal is reached over https: an https admin listener or an https public URL.</summary>
    public static bool IsHttpsPublic(Hosting.EdgeOptions options) =>
        options.Listen.Admin.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        || (options.Admin.PublicUrl?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ?? false);
}
