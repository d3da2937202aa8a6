using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// What every forwarded request keeps, loses and gains. Customer backends are virtual hosts, so
/// the Host the visitor asked for is kept. Header names with underscores are dropped (nginx's
/// default: <c>X_Auth</c> and <c>X-Auth</c> must not be two spellings of one header to a
/// CGI-style backend), and the client's own <c>X-Real-IP</c>, <c>Forwarded</c> and
/// <c>X-Forwarded-*</c> are replaced by the edge's: X-Forwarded-For/Proto/Host (YARP's defaults)
/// and X-Real-IP. Stateless: one instance serves every request.
/// </summary>
internal sealed class EdgeTransformer : HttpTransformer
{
    public static readonly EdgeTransformer Instance = new();

    private EdgeTransformer()
    {
    }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        // Copies every header but the hop-by-hop ones, the original Host included.
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Request;
        foreach (var header in request.Headers)
        {
            var name = header.Key;
            if (name.Contains('_', StringComparison.Ordinal)
                || name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
            {
                if (!proxyRequest.Headers.Remove(name))
                {
                    proxyRequest.Content?.Headers.Remove(name);
                }
            }
        }

        var headers = proxyRequest.Headers;
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            var address = client.ToString();
            headers.TryAddWithoutValidation("X-Forwarded-For", address);
            headers.TryAddWithoutValidation("X-Real-IP", address);
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        if (request.Host.HasValue)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.ToUriComponent());
        }
    }
}
