using System.Text.Json;

namespace StatusSite.Staff;

/// <summary>Reads a JSON body and turns any malformation into a problem+json 400 instead of a bare status.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.HasJsonContentType() is false)
        {
            return (null, Problem("Content-Type must be application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null ? (null, Problem("A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem("The body is not valid JSON for this request: " + ex.Message));
        }
    }

    public static IResult Problem(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status == 404 ? "Not found" : "Invalid request");
}
