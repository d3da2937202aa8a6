using Microsoft.Extensions.Options;

namespace StatusSite.Public;

/// <summary>
/// The public site's fast path, first in the pipeline: a GET or HEAD of a document the cache holds
/// is answered from its prepared bytes without routing, authentication or rate limiting (none of
/// which a public page needs); everything else goes on.
/// </summary>
internal sealed class PublicSiteMiddleware(RequestDelegate next, PublicSiteCache cache, IOptions<StatusPageOptions> options)
{
    private readonly string _cacheControl = PublicEndpoints.CacheControl(options.Value);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && cache.Current.Find(request.Path.Value ?? "/") is { } document)
        {
            return PublicEndpoints.WriteAsync(context, document, _cacheControl);
        }

        return next(context);
    }
}
