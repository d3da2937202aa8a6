using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Operations;

namespace SorryEdge.Portal;

/// <summary>The portal's cookie session: its own scheme, carrying the token id and scope (the bearer scheme's claims, see <see cref="AdminClaims"/>), never the token.</summary>
internal sealed class PortalAuth(PortalSessionStore sessions)
{
    public const string Scheme = "SorryEdge.Portal";
    public const string CookieName = "SorryEdge.Portal";
    public const string SessionClaim = "sorryedge:session";

    /// <summary>Opens a server-side session for the principal (remembering the secret's hash) and sets its cookie.</summary>
    public async Task SignInAsync(HttpContext context, AdminPrincipal principal, string secret)
    {
        var session = await sessions.OpenAsync(principal.TokenId, secret, context.RequestAborted);
        var identity = principal.ToIdentity(Scheme);
        identity.AddClaim(new Claim(SessionClaim, session));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    /// <summary>
    /// Reads the session cookie; null when there is none, it does not verify, or its server-side
    /// session has ended. Otherwise the caller as the API handlers read it (<see cref="AdminClaims"/>):
    /// the cookie's claims, unchanged so antiforgery tokens stay bound to the session, under the
    /// authentication type that says the server-side session was checked.
    /// </summary>
    public async Task<ClaimsPrincipal?> ReadAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(AdminAuthNames.TokenIdClaim) is not { } tokenId
            || result.Principal.FindFirstValue(SessionClaim) is not { } session
            || !await sessions.IsOpenAsync(session, tokenId, context.RequestAborted))
        {
            return null;
        }

        return new ClaimsPrincipal(new ClaimsIdentity(result.Principal.Claims, AdminAuthNames.PortalSessionType));
    }

    /// <summary>Ends the server-side session (a saved copy of the cookie stops working) and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (result.Succeeded && result.Principal.FindFirstValue(SessionClaim) is { } session)
        {
            await sessions.EndAsync(session, CancellationToken.None);
        }

        await context.SignOutAsync(Scheme);
    }

    /// <summary>True when the portal is reached over https: an https admin listener or an https public URL.</summary>
    public static bool IsHttpsPublic(Configuration.EdgeOptions options) =>
        options.Listen.Admin.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        || (options.Admin.PublicUrl?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ?? false);
}
