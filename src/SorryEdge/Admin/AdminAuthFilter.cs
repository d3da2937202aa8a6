using Microsoft.AspNetCore.Http;
using SorryEdge.Hosting;

namespace SorryEdge.Admin;

/// <summary>Requires <c>Authorization: Bearer &lt;token&gt;</c> on every admin API call.</summary>
public sealed class AdminAuthFilter(IAdminTokenValidator validator, GuessThrottle throttle) : IEndpointFilter
{
    private const string PrincipalKey = "SorryEdge.AdminPrincipal";

    public static AdminPrincipal Principal(HttpContext context) => (AdminPrincipal)context.Items[PrincipalKey]!;

    public static AdminPrincipal? TryPrincipal(HttpContext context) => context.Items.TryGetValue(PrincipalKey, out var p) ? p as AdminPrincipal : null;

    /// <summary>Lets another authentication (the portal's cookie) hand its principal to the API handlers.</summary>
    public static void SetPrincipal(HttpContext context, AdminPrincipal principal) => context.Items[PrincipalKey] = principal;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (TryPrincipal(http) is not null)
        {
            return await next(context);
        }

        if (throttle.Refusal(http) is { } refused)
        {
            return refused;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ProblemResults.Problem(StatusCodes.Status401Unauthorized, "A bearer token is required", "Send Authorization: Bearer <token>.");
        }

        var principal = await validator.ValidateAsync(header[7..].Trim(), http.RequestAborted);
        if (principal is null)
        {
            throttle.Failed(http);
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return ProblemResults.Problem(StatusCodes.Status401Unauthorized, "The token is not valid", "It may have been revoked or mistyped.");
        }

        http.Items[PrincipalKey] = principal;
        return await next(context);
    }
}
