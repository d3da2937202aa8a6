using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> with <see cref="IAdminTokenValidator"/>.
/// A client the <see cref="GuessThrottle"/> refuses gets 429 before its token is looked at; a
/// token that does not validate counts towards the throttle. Challenges and refusals answer
/// problem+json with <c>WWW-Authenticate</c> (RFC 6750 §3).
/// </summary>
/// <remarks>
/// The base class would log every failed token and every challenge at Information, a line per
/// refused call in a flood; <see cref="GuessThrottle"/> already logs guessing once a minute per client.
/// </remarks>
internal sealed class AdminTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, IAdminTokenValidator validator, GuessThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, encoder)
{
    private const string BearerPrefix = "Bearer ";

    // One handler instance serves one request: the challenge answers what authentication found.
    private IResult? _refusal;
    private bool _tokenPresented;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (throttle.Refusal(Context) is { } refused)
        {
            _refusal = refused;
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length <= BearerPrefix.Length)
        {
            return AuthenticateResult.NoResult();
        }

        _tokenPresented = true;
        var principal = await validator.ValidateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (principal is null)
        {
            throttle.Failed(Context);
            return AuthenticateResult.Fail("The token is not valid.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.ToIdentity(Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        IResult answer;
        if (_refusal is not null)
        {
            answer = _refusal;
        }
        else if (_tokenPresented)
        {
            Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            answer = ProblemResults.Problem(StatusCodes.Status401Unauthorized, "The token is not valid", "It may have been revoked or mistyped.");
        }
        else
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            answer = ProblemResults.Problem(StatusCodes.Status401Unauthorized, "A bearer token is required", "Send Authorization: Bearer <token>.");
        }

        await answer.ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff tokens may do this").ExecuteAsync(Context);
    }
}
