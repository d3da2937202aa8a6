using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Http;
using SorryEdge.Operations;
using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>What a customer may change on its own sites besides the mode: schedules and bypass.</summary>
internal static class SwitchesApi
{
    public static RouteGroupBuilder MapSwitchesApi(this RouteGroupBuilder api)
    {
        var site = api.MapGroup("/sites/{id}").WithAdminApiResponses();
        site.MapGet("/schedules", ListSchedules).ProducesProblem(StatusCodes.Status404NotFound);
        site.MapPost("/schedules", AddScheduleAsync).ProducesJsonBodyProblems().ProducesProblem(StatusCodes.Status404NotFound);
        site.MapDelete("/schedules/{windowId}", CancelScheduleAsync).ProducesProblem(StatusCodes.Status404NotFound);
        site.MapPut("/bypass", SetBypassAsync).ProducesJsonBodyProblems().ProducesProblem(StatusCodes.Status404NotFound);
        site.MapPost("/bypass/rotate", RotateSecretAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Results<Ok<IReadOnlyList<MaintenanceWindow>>, ProblemHttpResult> ListSchedules(string id, HttpContext context, SiteOperations sites) =>
        sites.FindVisible(context.User.RequireAdminPrincipal(), id) is { } entry ? TypedResults.Ok(entry.Site.Schedules) : ProblemResults.NotFound($"Site '{id}'");

    private static async Task<Results<Created<MaintenanceWindow>, ValidationProblem, ProblemHttpResult>> AddScheduleAsync(string id, HttpContext context, SiteOperations sites, JsonBody json)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (sites.Check(caller, id) is { } hidden)
        {
            return hidden.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<ScheduleRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await sites.AddWindowAsync(caller, id, request!.Start, request.End, request.Mode, context.RequestAborted);
        return outcome.Refusal is { } refused
            ? refused.IsInvalid() ? refused.ToValidationProblem() : refused.ToProblem()
            : TypedResults.Created($"/api/v1/sites/{id}/schedules/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelScheduleAsync(string id, string windowId, HttpContext context, SiteOperations sites)
    {
        var outcome = await sites.CancelWindowAsync(context.User.RequireAdminPrincipal(), id, windowId, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BypassView>, ValidationProblem, ProblemHttpResult>> SetBypassAsync(string id, HttpContext context, SiteOperations sites, JsonBody json)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (sites.Check(caller, id) is { } hidden)
        {
            return hidden.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<BypassRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await sites.SetBypassNetworksAsync(caller, id, request!.Cidrs ?? [], context.RequestAborted);
        return outcome.Refusal is { } refused
            ? refused.IsInvalid() ? refused.ToValidationProblem() : refused.ToProblem()
            : TypedResults.Ok(new BypassView(outcome.Value!.Site.Bypass.Cidrs, outcome.Value.Site.Bypass.Secret is not null));
    }

    private static async Task<Results<Ok<BypassSecretView>, ProblemHttpResult>> RotateSecretAsync(string id, HttpContext context, SiteOperations sites)
    {
        var outcome = await sites.RotateBypassSecretAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        if (outcome.Refusal is { } refused)
        {
            return refused.ToProblem();
        }

        var site = outcome.Value!.Site;
        var (path, url) = SiteOperations.BypassLink(site);
        return TypedResults.Ok(new BypassSecretView(site.Bypass.Secret!, path, url));
    }
}
