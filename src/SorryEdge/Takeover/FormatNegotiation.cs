using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SorryEdge.Takeover;

/// <summary>
/// HTML for browsers, JSON for API clients, plain text otherwise (curl's <c>*/*</c> included),
/// chosen by the highest quality the Accept header gives each.
/// </summary>
internal static class FormatNegotiation
{
    public static ResponseFormat Choose(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return ResponseFormat.Text;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return ResponseFormat.Text;
        }

        double html = 0, json = 0;
        foreach (var type in types)
        {
            var q = type.Quality ?? 1.0;
            var media = type.MediaType;
            if (media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, q);
            }
            else if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase)
                || (media.HasValue && media.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                json = Math.Max(json, q);
            }
        }

        if (html == 0 && json == 0)
        {
            return ResponseFormat.Text;
        }

        return json > html ? ResponseFormat.Json : ResponseFormat.Html;
    }
}
