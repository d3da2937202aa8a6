using Microsoft.AspNetCore.Http;

namespace SorryEdge.Takeover;

/// <summary>The edge's own 404 for hosts it does not serve: never another customer's page.</summary>
internal static class NotFound
{
    private static readonly byte[] JsonBody = """{"type":"about:blank","title":"No site is configured for this host","status":404}"""u8.ToArray();
    private static readonly byte[] TextBody = "No site is configured for this host.\n"u8.ToArray();

    public static Task WriteAsync(HttpContext context, EdgeContent content)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = "no-store";
        var format = FormatNegotiation.Choose(context.Request);
        byte[] body;
        if (format == ResponseFormat.Html)
        {
            response.ContentType = content.NotFoundPage.ContentType;
            body = content.NotFoundPage.Identity;
        }
        else if (format == ResponseFormat.Json)
        {
            response.ContentType = "application/problem+json";
            body = JsonBody;
        }
        else
        {
            response.ContentType = "text/plain; charset=utf-8";
            body = TextBody;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
