using StatusSite.Auth;
using StatusSite.Data;

namespace StatusSite.Staff;

/// <summary>The staff JSON API (bearer token): components, incidents, updates, maintenance, drafts.</summary>
internal static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthNames.StaffApiPolicy);
        api.MapPut("/components/{id}", PutComponentAsync);
        api.MapPost("/incidents", CreateIncidentAsync);
        api.MapGet("/incidents/{id}", GetIncidentAsync);
        api.MapPost("/incidents/{id}/updates", AddUpdateAsync);
        api.MapPost("/incidents/{id}/publish", PublishAsync);
        api.MapDelete("/incidents/{id}", DiscardAsync);
        api.MapPost("/maintenances", CreateMaintenanceAsync);
        return app;
    }

    private static async Task<IResult> PutComponentAsync(string id, HttpRequest request, ComponentService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<ComponentRequest>(request, ct);
        if (error is not null)
        {
            return error;
        }

        var result = await service.UpsertAsync(id, body!, ct);
        return result.Ok
            ? TypedResults.Ok(new { id = result.Value!.Id, name = result.Value.Name, status = result.Value.Status, group = result.Value.Group, hidden = result.Value.Hidden })
            : JsonBody.Problem(result.Error!, result.ErrorStatus);
    }

    private static async Task<IResult> CreateIncidentAsync(HttpRequest request, IncidentService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<IncidentRequest>(request, ct);
        return error ?? Created(await service.CreateIncidentAsync(body!, ct), "/incidents/");
    }

    private static async Task<IResult> AddUpdateAsync(string id, HttpRequest request, IncidentService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<UpdateRequest>(request, ct);
        return error ?? Created(await service.AddUpdateAsync(id, body!, ct), $"/incidents/{id}#");
    }

    private static async Task<IResult> CreateMaintenanceAsync(HttpRequest request, IncidentService service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<MaintenanceRequest>(request, ct);
        return error ?? Created(await service.CreateMaintenanceAsync(body!, ct), "/incidents/");
    }

    /// <summary>Staff view of one incident, drafts included, so scripts can find what ingest opened.</summary>
    private static async Task<IResult> GetIncidentAsync(string id, StatusDatabase database, IncidentStore store, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var incident = await store.GetAsync(connection, null, id, ct);
        return incident is null
            ? JsonBody.Problem("incident not found", StatusCodes.Status404NotFound)
            : TypedResults.Ok(new
            {
                id = incident.Id,
                name = incident.Name,
                status = incident.Status,
                impact = incident.Impact,
                draft = incident.Draft,
                automatic = incident.Automatic,
                updates = incident.Updates.Reverse().Select(u => new { id = u.Id, status = u.Status, body = u.Body, automatic = u.Automatic, createdAt = u.CreatedAt }),
                components = incident.Components.ToDictionary(a => a.ComponentId, a => a.Status),
            });
    }

    private static async Task<IResult> PublishAsync(string id, IncidentService service, CancellationToken ct)
    {
        var result = await service.PublishAsync(id, ct);
        return result.Ok ? TypedResults.Ok(new { id }) : JsonBody.Problem(result.Error!, result.ErrorStatus);
    }

    private static async Task<IResult> DiscardAsync(string id, IncidentService service, CancellationToken ct)
    {
        var result = await service.DiscardAsync(id, ct);
        return result.Ok ? TypedResults.NoContent() : JsonBody.Problem(result.Error!, result.ErrorStatus);
    }

    private static IResult Created(StaffResult<string> result, string location) =>
        result.Ok
            ? TypedResults.Created(location + result.Value, new { id = result.Value })
            : JsonBody.Problem(result.Error!, result.ErrorStatus);
}
