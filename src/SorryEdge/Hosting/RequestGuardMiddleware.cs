using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Http;

namespace SorryEdge.Hosting;

/// <summary>
/// First line of every listener: a path with CR, LF or NUL in it (decoded) is a 400, never
/// something that reaches a header; on the admin listener, only configured Host names are
/// answered (DNS rebinding) and nothing is cached (answers carry tokens and secrets). An admin
/// listener reached through a TLS proxy (<c>Edge:Admin:PublicUrl</c> is https) treats its requests
/// as https: Secure cookies, antiforgery (which refuses a Secure cookie over http) and redirects.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, IOptions<EdgeOptions> options)
{
    private readonly string[] _allowedHosts = options.Value.Admin.AllowedHosts is { Length: > 0 } hosts ? hosts : EdgeAdminOptions.LoopbackHosts;
    private readonly bool _behindTls = options.Value.Admin.PublicUrl?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ?? false;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return RefuseAsync(context, "The request path contains a control character");
        }

        if (context.Features.Get<EdgeListenerFeature>()?.Kind != ListenerKind.Admin)
        {
            return next(context);
        }

        // The load balancer's checks are answered whatever Host they send.
        if (path is not ("/healthz" or "/readyz") && !IsAllowed(context.Request.Host.Host))
        {
            return RefuseAsync(context, "This host name is not served here");
        }

        if (_behindTls)
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
        }

        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (!response.Headers.ContainsKey("Cache-Control"))
            {
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    /// <summary>True when the host matches a configured name exactly (case-insensitive) or a <c>*.suffix</c> wildcard.</summary>
    public bool IsAllowed(string host)
    {
        foreach (var allowed in _allowedHosts)
        {
            if (allowed == "*" || string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase)
                || (allowed.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static Task RefuseAsync(HttpContext context, string title) =>
        ProblemResults.BadRequest(title).ExecuteAsync(context);
}
