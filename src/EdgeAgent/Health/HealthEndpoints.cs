namespace EdgeAgent.Health;

/// <summary>GET /health: 200 for green and orange, 503 for red, so a plain HTTP check works too.</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddHealthReport(this IServiceCollection services) =>
        services.AddSingleton<HealthReport>();

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (HealthReport report, HttpContext context) =>
        {
            var body = report.Build();
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(body, statusCode: body.Status == "red" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
        return endpoints;
    }
}
