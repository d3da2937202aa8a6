using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Http;
using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>What a customer may change on its own sites besides the mode: schedules and bypass.</summary>
public static class SwitchesApi
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

    private static Results<Ok<IReadOnlyList<MaintenanceWindow>>, ProblemHttpResult> ListSchedules(string id, HttpContext context, SiteCatalog catalog) =>
        SitesApi.FindVisible(context, catalog, id) is { } entry ? TypedResults.Ok(entry.Site.Schedules) : ProblemResults.NotFound($"Site '{id}'");

    private static async Task<Results<Created<MaintenanceWindow>, ValidationProblem, ProblemHttpResult>> AddScheduleAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service, TimeProvider time)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var (request, problem) = await JsonBody.ReadAsync<ScheduleRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var window = new MaintenanceWindow { Id = "w-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Start = request!.Start, End = request.End, Mode = request.Mode };
        var errors = new Dictionary<string, string[]>();
        if (window.End <= window.Start)
        {
            errors["end"] = ["must be after start"];
        }

        if (window.End <= time.GetUtcNow())
        {
            errors["end"] = ["must be in the future"];
        }

        if (window.Mode == SiteMode.Auto)
        {
            errors["mode"] = ["must be 'maintenance' or 'redirect'"];
        }

        if (window.Mode == SiteMode.Redirect && entry.Site.Redirect is null)
        {
            errors["mode"] = ["the site has no redirect settings"];
        }

        if (entry.Site.Schedules.Count >= SiteValidator.MaxSchedules)
        {
            errors["schedules"] = [$"a site has at most {SiteValidator.MaxSchedules} windows; cancel old ones first"];
        }

        if (errors.Count > 0)
        {
            return ProblemResults.Invalid(errors);
        }

        await service.ChangeAsync(id, s => s with { Schedules = [.. s.Schedules, window] }, "schedule.created",
            $"window {window.Id} {window.Start:O} – {window.End:O} ({SiteService.Name(window.Mode)})", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return TypedResults.Created($"/api/v1/sites/{id}/schedules/{window.Id}", window);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelScheduleAsync(string id, string windowId, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry || entry.Site.Schedules.All(w => w.Id != windowId))
        {
            return ProblemResults.NotFound($"Window '{windowId}' of site '{id}'");
        }

        await service.ChangeAsync(id, s => s with { Schedules = s.Schedules.Where(w => w.Id != windowId).ToList() }, "schedule.cancelled",
            $"window {windowId} cancelled", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BypassView>, ValidationProblem, ProblemHttpResult>> SetBypassAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var (request, problem) = await JsonBody.ReadAsync<BypassRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var cidrs = request!.Cidrs ?? [];
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(cidrs[i], out _))
            {
                errors[$"cidrs[{i}]"] = [$"'{cidrs[i]}' is not a CIDR such as 203.0.113.0/24"];
            }
        }

        if (errors.Count > 0)
        {
            return ProblemResults.Invalid(errors);
        }

        var record = await service.ChangeAsync(id, s => s with { Bypass = s.Bypass with { Cidrs = cidrs } }, "bypass.changed",
            $"bypass networks: {string.Join(", ", cidrs)}", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return TypedResults.Ok(new BypassView(record!.Site.Bypass.Cidrs, record.Site.Bypass.Secret is not null));
    }

    private static async Task<Results<Ok<BypassSecretView>, ProblemHttpResult>> RotateSecretAsync(string id, HttpContext context, SiteCatalog catalog, SiteService service)
    {
        if (SitesApi.FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await service.ChangeAsync(id, s => s with { Bypass = s.Bypass with { Secret = secret } }, "bypass.rotated",
            "bypass secret rotated; earlier bypass cookies no longer work", context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        var host = entry.Site.Hostnames.FirstOrDefault(h => !h.StartsWith('*')) ?? entry.Site.Hostnames[0];
        return TypedResults.Ok(new BypassSecretView(secret, $"/.sorry/bypass/{secret}", $"http://{host}/.sorry/bypass/{secret}"));
    }
}
