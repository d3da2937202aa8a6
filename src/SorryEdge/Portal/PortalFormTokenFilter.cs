using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace SorryEdge.Portal;

/// <summary>Gives every portal request its <see cref="PortalFormToken"/>, so the HTML helpers need no service lookup.</summary>
internal sealed class PortalFormTokenFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Features.Set(new PortalFormToken(antiforgery, context.HttpContext));
        return next(context);
    }
}
