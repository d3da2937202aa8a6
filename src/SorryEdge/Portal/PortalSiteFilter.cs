using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Sites;

namespace SorryEdge.Portal;

/// <summary>
/// A site's form posts and pages answer the portal's 404 before anything is read when the caller may
/// not see the site (others' sites look absent); the operation checks again under its write lock.
/// </summary>
internal sealed class PortalSiteFilter(SiteOperations sites) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        return http.Request.RouteValues.TryGetValue("id", out var id) && id is string siteId
            && sites.Check(http.User.RequireAdminPrincipal(), siteId) is not null
            ? ValueTask.FromResult<object?>(PortalLayout.NotFound(http))
            : next(context);
    }
}
