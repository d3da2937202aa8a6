using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>Reads a JSON request body with a size cap, turning every malformed input into a clear 400.</summary>
internal sealed class JsonBody(IOptions<EdgeOptions> options)
{
    public async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var limit = options.Value.Admin.MaxJsonBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return (null, ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"At most {limit} bytes."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!(context.Request.ContentType ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, EdgeJson.Options, context.RequestAborted);
            return value is null ? (null, ProblemResults.BadRequest("The request body is empty or null")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ProblemResults.BadRequest("The request body is not valid JSON for this call", ex.Message));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"At most {limit} bytes."));
        }
    }
}
