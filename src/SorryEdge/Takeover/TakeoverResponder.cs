using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>Writes the edge's own answers for a site: the sorry page, its assets, redirects and the bypass cookie.</summary>
internal sealed class TakeoverResponder(ISorryBundleSource bundles, EdgeContent content, EdgeMetrics metrics)
{
    public const string ReservedPrefix = "/.sorry/";
    public const string BypassCookie = "sorryedge_bypass";

    // The prepared answer per site, read without a lock. It outlives the writes that do not change
    // its inputs (a latch, a mode switch at the start of an outage) and may be stale when one did
    // (a page or the site's text changed), so it is checked against its inputs on every use.
    private readonly ConcurrentDictionary<string, PreparedSorryPage> _prepared = new(StringComparer.Ordinal);

    /// <summary>
    /// The site's sorry answer from memory only: the prepared page when it still fits the site and
    /// its active bundle (the usual case, prepared off the request path by
    /// <see cref="SorryPagePreparer"/>), otherwise built now from the bundle the page store holds in memory.
    /// </summary>
    public PreparedSorryPage Prepare(SiteEntry entry)
    {
        var bundle = bundles.GetActive(entry.Id);
        if (_prepared.TryGetValue(entry.Id, out var page) && page.Fits(entry.Site, bundle))
        {
            return page;
        }

        // Two threads may build it at once; both results are equal.
        page = PreparedSorryPage.Build(entry.Site, bundle, content.DefaultSorryPage);
        _prepared[entry.Id] = page;
        return page;
    }

    /// <summary>Drops a site's prepared answer (the site is gone, or no longer likely to answer for itself).</summary>
    public void Forget(string siteId) => _prepared.TryRemove(siteId, out _);

    public Task WriteAsync(HttpContext context, SiteEntry entry, Answer answer, string cause)
    {
        metrics.CountResponse(entry.Id, answer == Answer.Redirect ? "redirect" : "sorry", cause);
        return answer == Answer.Redirect ? WriteRedirectAsync(context, entry) : WriteSorryAsync(context, entry);
    }

    public Task WriteSorryAsync(HttpContext context, SiteEntry entry)
    {
        var page = Prepare(entry);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = page.RetryAfter;
        var body = FormatNegotiation.Choose(context.Request) switch
        {
            ResponseFormat.Html => page.Html,
            ResponseFormat.Json => page.Json,
            _ => page.Text,
        };
        response.Headers.Vary = "Accept, Accept-Encoding";
        return WriteBodyAsync(context, body, "no-store");
    }

    public Task WriteRedirectAsync(HttpContext context, SiteEntry entry)
    {
        var redirect = entry.Site.Redirect;
        if (redirect is null)
        {
            return WriteSorryAsync(context, entry);
        }

        var location = redirect.Url;
        if (redirect.KeepPath)
        {
            location = location.TrimEnd('/') + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var response = context.Response;
        response.StatusCode = redirect.Status;
        response.Headers.Location = location;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>Serves <c>/.sorry/…</c>: the bundle's assets and the bypass URL. Answers false when nothing matched.</summary>
    public async Task<bool> TryServeReservedAsync(HttpContext context, SiteEntry entry)
    {
        var path = context.Request.Path.Value!;
        if (!path.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[ReservedPrefix.Length..];
        if (rest.StartsWith("bypass/", StringComparison.Ordinal))
        {
            IssueBypassCookie(context, entry, rest["bypass/".Length..]);
            return true;
        }

        if (Prepare(entry).Assets.TryGetValue(rest, out var asset))
        {
            metrics.CountResponse(entry.Id, "asset", "sorry-asset");
            context.Response.StatusCode = StatusCodes.Status200OK;
            await WriteBodyAsync(context, asset, "public, max-age=60");
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.Headers.CacheControl = "no-store";
        return true;
    }

    private static void IssueBypassCookie(HttpContext context, SiteEntry entry, string secret)
    {
        var expected = entry.Site.Bypass.Secret;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (expected is null || entry.BypassCookieValue is null
            || !CryptographicEquals(secret, expected))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        response.Cookies.Append(BypassCookie, entry.BypassCookieValue, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TimeSpan.FromHours(12),
        });
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = "/";
    }

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static Task WriteBodyAsync(HttpContext context, PreparedBody body, string cacheControl)
    {
        var response = context.Response;
        var (bytes, encoding) = body.Select(context.Request.Headers.AcceptEncoding);
        response.ContentType = body.ContentType;
        response.Headers.CacheControl = cacheControl;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        if (body.Gzip is not null)
        {
            response.Headers.Vary = response.Headers.Vary.Count > 0 ? response.Headers.Vary.ToString() : "Accept-Encoding";
        }

        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(bytes).AsTask();
    }
}
