using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>Log in with an API token (customer or staff), log out.</summary>
internal static class PortalLoginPages
{
    public static void Map(RouteGroupBuilder portal)
    {
        portal.MapGet("/login", ShowAsync);
        portal.MapPost("/login", LogInAsync).AddEndpointFilter<PortalAntiforgeryFilter>();
        portal.MapPost("/logout", (Delegate)LogOutAsync).AddEndpointFilter<PortalAntiforgeryFilter>();
    }

    private static async Task<IResult> ShowAsync(HttpContext context, PortalAuth auth, string? ended)
    {
        if (await auth.ReadAsync(context) is not null && ended is null)
        {
            return Results.Redirect("/portal");
        }

        var notice = ended is null ? "" : "<p class=\"notice warn\" role=\"status\">Your session has ended: its token was revoked or you logged out.</p>";
        return Form(context, notice, StatusCodes.Status200OK);
    }

    private static async Task<IResult> LogInAsync(HttpContext context, PortalAuth auth, IAdminTokenValidator validator, GuessThrottle throttle)
    {
        if (throttle.Refusal(context) is not null)
        {
            return Form(context, "<p class=\"notice bad\" role=\"alert\" id=\"login-error\">Too many failed attempts from your address. Wait a minute and try again.</p>",
                StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"].ToString().Trim();
        var principal = token.Length is > 0 and <= 200 ? await validator.ValidateAsync(token, context.RequestAborted) : null;
        if (principal is null)
        {
            throttle.Failed(context);
            return Form(context, "<p class=\"notice bad\" role=\"alert\" id=\"login-error\">That token is not valid. It may have been revoked or mistyped.</p>",
                StatusCodes.Status401Unauthorized);
        }

        await auth.SignInAsync(context, principal, token);
        return Results.Redirect("/portal");
    }

    private static async Task<IResult> LogOutAsync(HttpContext context, PortalAuth auth)
    {
        await auth.SignOutAsync(context);
        return Results.Redirect("/portal/login?ended=1");
    }

    private static IResult Form(HttpContext context, string notice, int status) => PortalLayout.Page(context, "Log in", $"""
        {notice}
        <section class="card">
        <form method="post" action="/portal/login">
        {Antiforgery(context)}
        <label for="token">API token</label>
        <input type="password" id="token" name="token" autocomplete="current-password" required aria-describedby="token-hint">
        <p class="hint" id="token-hint">The token your hosting provider gave you (it starts with <code>se_</code>). It is checked on every page; revoking it ends this session.</p>
        <button type="submit">Log in</button>
        </form>
        </section>
        """, status);
}
