using StatusSite.Auth;
using StatusSite.Staff;

namespace StatusSite.Ingest;

/// <summary>POST /api/v1/ingest/events: 202 when applied (or stored as stale), 200 with duplicate=true when seen before.</summary>
internal static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/ingest/events", ReceiveAsync).RequireAuthorization(AuthNames.IngestPolicy);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, IngestService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<IngestEvent>(request, ct);
        if (error is not null)
        {
            return error;
        }

        var invalid = IngestService.Validate(body);
        if (invalid is not null)
        {
            return JsonBody.Problem(invalid);
        }

        var outcome = await service.ApplyAsync(body!, ct);
        return outcome == IngestOutcome.Duplicate
            ? TypedResults.Ok(new { duplicate = true })
            : TypedResults.Accepted((string?)null, new { duplicate = false, applied = outcome == IngestOutcome.Applied });
    }
}
