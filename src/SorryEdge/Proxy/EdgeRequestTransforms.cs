using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SorryEdge.Proxy;

/// <summary>
/// What every forwarded request loses and gains: header names with underscores are dropped
/// (nginx's default: <c>X_Auth</c> and <c>X-Auth</c> must not be two spellings of one header
/// to a CGI-style backend), and the client's own <c>X-Real-IP</c>, <c>Forwarded</c> and
/// <c>X-Forwarded-*</c> are replaced by the edge's (YARP sets X-Forwarded-For/Proto/Host/Prefix).
/// </summary>
internal sealed class EdgeRequestTransforms : ITransformProvider
{
    private static readonly HashSet<string> SetByForwarder = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix",
    };

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        var headers = transform.ProxyRequest.Headers;
        var drop = headers.Select(h => h.Key)
            .Concat(transform.ProxyRequest.Content?.Headers.Select(h => h.Key) ?? [])
            .Where(name => name.Contains('_', StringComparison.Ordinal)
                || name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase)
                || (name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) && !SetByForwarder.Contains(name)))
            .ToList();
        foreach (var name in drop)
        {
            headers.Remove(name);
            transform.ProxyRequest.Content?.Headers.Remove(name);
        }

        if (transform.HttpContext.Connection.RemoteIpAddress is { } client)
        {
            headers.TryAddWithoutValidation("X-Real-IP", client.ToString());
        }

        return ValueTask.CompletedTask;
    });
}
