using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Customers;

namespace SorryEdge.Portal;

/// <summary>
/// Requires a portal session on every request and re-checks that its token is still active, so
/// revoking a token ends the session at once; hands the principal to the shared API helpers and
/// records every change in the audit log like the API does.
/// </summary>
internal sealed class PortalSessionFilter(PortalAuth auth, CustomerStore customers, AuditLog audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = await auth.ReadAsync(http);
        if (user?.ToAdminPrincipal() is not { } principal)
        {
            // No cookie, or one whose server-side session ended (logged out, bootstrap token changed).
            return Results.Redirect("/portal/login", permanent: false, preserveMethod: false);
        }

        if (!await customers.IsActiveAsync(principal.TokenId, http.RequestAborted))
        {
            await auth.SignOutAsync(http);
            return Results.Redirect("/portal/login?ended=1");
        }

        // The shared API helpers read the caller from HttpContext.User, whichever scheme authenticated it.
        http.User = user;
        var result = await next(context);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var status = result switch
            {
                IStatusCodeHttpResult { StatusCode: { } code } => code,
                Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult => StatusCodes.Status302Found,
                _ => StatusCodes.Status200OK,
            };
            var site = http.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
            await audit.RecordAsync(principal.TokenId, http.Request.Method, http.Request.Path.Value ?? "", status, site, action: null, CancellationToken.None);
        }

        return result;
    }
}
