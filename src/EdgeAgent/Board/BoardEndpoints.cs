namespace EdgeAgent.Board;

/// <summary>The status board: GET / and GET /checks/{name}, HTML without JavaScript.</summary>
internal static class BoardEndpoints
{
    public static IServiceCollection AddBoard(this IServiceCollection services) => services.AddSingleton<BoardPages>();

    public static IEndpointRouteBuilder MapBoard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (BoardPages pages) => TypedResults.Content(pages.Index(), "text/html; charset=utf-8"));
        endpoints.MapGet("/checks/{name}", async Task<IResult> (string name, BoardPages pages, CancellationToken cancellationToken) =>
        {
            var html = await pages.CheckAsync(name, cancellationToken);
            return html is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such check", detail: $"no check is named '{name}'")
                : TypedResults.Content(html, "text/html; charset=utf-8");
        });
        return endpoints;
    }
}
