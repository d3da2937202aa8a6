using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StatusSite.Auth;
using StatusSite.Data;
using StatusSite.Public;

namespace StatusSite.Console;

/// <summary>Login, logout and the console page; the form posts are in ConsoleActions.</summary>
internal static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext ctx, IAntiforgery af, IOptions<StatusPageOptions> o) =>
            Page(ctx, ConsolePage.Login(o.Value.Name, af.GetAndStoreTokens(ctx).RequestToken!, null)));
        app.MapPost("/login", LoginAsync).RequireRateLimiting(AuthNames.LoginRateLimit).DisableAntiforgery();
        app.MapPost("/logout", (Func<HttpContext, IAntiforgery, Task<IResult>>)LogoutAsync).RequireAuthorization(AuthNames.ConsolePolicy).DisableAntiforgery();
        app.MapGet("/console", (HttpContext ctx, [AsParameters] ConsoleServices console, CancellationToken ct) => RenderAsync(ctx, console, null, false, ct))
            .RequireAuthorization(AuthNames.ConsolePolicy);
        app.MapConsoleActions();
        return app;
    }

    public static async Task<IResult> RenderAsync(HttpContext ctx, ConsoleServices console, string? message, bool isError, CancellationToken ct)
    {
        await using var connection = await console.Database.OpenAsync(ct);
        var components = await console.Components.ListAsync(connection, null, ct);
        var incidents = await console.Incidents.ListAsync(connection, ct);
        var token = console.Antiforgery.GetAndStoreTokens(ctx).RequestToken!;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var subscribers = await console.Subscribers.ListAsync(connection, null, ct);
        var model = new ConsoleModel(ctx.User.Identity?.Name ?? "staff", components, incidents, token, nonce, message, isError, subscribers);
        ctx.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'";
        var name = console.Page.Value.Name;
        return Page(ctx, ConsolePage.Render(name, model), isError ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    public static IResult Page(HttpContext ctx, string html, int status = StatusCodes.Status200OK)
    {
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.XFrameOptions = "DENY";
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        if (!ctx.Response.Headers.ContainsKey("Content-Security-Policy"))
        {
            // The login page runs no script; the console sets its own policy with a script nonce.
            ctx.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        }
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Validates the antiforgery token by hand so a failure renders a clear 400 instead of an exception.</summary>
    public static async Task<bool> ValidAsync(HttpContext ctx, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(ctx);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, PasswordService passwords, IAntiforgery af, IOptions<StatusPageOptions> o, CancellationToken ct)
    {
        if (!await ValidAsync(ctx, af))
        {
            return Results.Problem(statusCode: 400, title: "The form expired; reload the page and try again.");
        }

        var form = await ctx.Request.ReadFormAsync(ct);
        var user = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        if (user.Length == 0 || !await passwords.VerifyAsync(user, password, ct))
        {
            return Page(ctx, ConsolePage.Login(o.Value.Name, af.GetAndStoreTokens(ctx).RequestToken!, "Wrong user name or password."),
                StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, AuthNames.StaffRole)], AuthNames.CookieScheme);
        await ctx.SignInAsync(AuthNames.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect("/console");
    }

    private static async Task<IResult> LogoutAsync(HttpContext ctx, IAntiforgery antiforgery)
    {
        if (!await ValidAsync(ctx, antiforgery))
        {
            return Results.Problem(statusCode: 400, title: "The form expired; reload the page and try again.");
        }

        await ctx.SignOutAsync(AuthNames.CookieScheme);
        return Results.Redirect("/");
    }
}
