using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace SorryEdge.Portal;

/// <summary>
/// Refuses a form post whose antiforgery token is missing or wrong. UseAntiforgery validates
/// endpoints marked with <see cref="RequireAntiforgeryTokenAttribute"/> but only records the
/// result; handlers that read the form themselves must act on it, which this does.
/// </summary>
internal sealed class PortalAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } feature
                ? feature.IsValid
                : await antiforgery.IsRequestValidAsync(http);
            if (!valid)
            {
                return PortalLayout.Notice(http, "Form refused",
                    "The form was not sent from this portal or has expired. Go back, reload the page and try again.", StatusCodes.Status400BadRequest);
            }
        }

        return await next(context);
    }
}
