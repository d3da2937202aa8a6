using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Http;
using SorryEdge.Operations;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Admin;

/// <summary>The sites part of the admin API: configuration, mode switches, resume and events.</summary>
internal static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithAdminApiResponses();
        sites.MapGet("/", ListAsync);
        sites.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapPut("/{id}", PutAsync).ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sites.MapDelete("/{id}", DeleteAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapPut("/{id}/mode", SetModeAsync).ProducesJsonBodyProblems().ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapPost("/{id}/resume", ResumeAsync).ProducesProblem(StatusCodes.Status404NotFound);
        sites.MapGet("/{id}/events", EventsAsync).ProducesQueryBindingFailure().ProducesProblem(StatusCodes.Status404NotFound).ProducesDiskReadFault();
        sites.MapGet("/{id}/audit", AuditAsync).ProducesQueryBindingFailure().ProducesProblem(StatusCodes.Status404NotFound).ProducesDiskReadFault();
        sites.MapPut("/{id}/smtp-mode", SetSmtpModeAsync).ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sites.MapPut("/{id}/smtp-domains", SetSmtpDomainsAsync).ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static Ok<List<SiteView>> ListAsync(HttpContext context, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time)
    {
        var principal = context.User.RequireAdminPrincipal();
        var now = time.GetUtcNow();
        var list = catalog.Sites.Values.Where(e => SiteOperations.CanSee(principal, e.Site)).OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => SiteView.Build(e, tracker, now)).ToList();
        return TypedResults.Ok(list);
    }

    private static Results<Ok<SiteView>, ProblemHttpResult> GetAsync(string id, HttpContext context, SiteOperations sites, DestinationHealthTracker tracker, TimeProvider time) =>
        sites.FindVisible(context.User.RequireAdminPrincipal(), id) is { } entry
            ? TypedResults.Ok(SiteView.Build(entry, tracker, time.GetUtcNow()))
            : ProblemResults.NotFound($"Site '{id}'");

    private static async Task<Results<Ok<SiteView>, Created<SiteView>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, HttpContext context, SiteOperations sites, JsonBody json, DestinationHealthTracker tracker, TimeProvider time)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (sites.CheckPut(caller, id) is { } refused)
        {
            return refused.ToProblem();
        }

        var (site, problem) = await json.ReadAsync<Site>(context);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await sites.PutAsync(caller, id, site!, context.RequestAborted);
        if (outcome.Refusal is { } invalid)
        {
            return invalid.IsInvalid() ? invalid.ToValidationProblem() : invalid.ToProblem();
        }

        var view = SiteView.Build(outcome.Value!.Entry, tracker, time.GetUtcNow());
        return outcome.Value.Created ? TypedResults.Created($"/api/v1/sites/{id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext context, SiteOperations sites)
    {
        var outcome = await sites.DeleteAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetModeAsync(string id, HttpContext context, SiteOperations sites, JsonBody json, DestinationHealthTracker tracker, TimeProvider time)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (sites.Check(caller, id) is { } hidden)
        {
            return hidden.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<ModeRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        return View(await sites.SetModeAsync(caller, id, request!.Mode, request.Until, context.RequestAborted), tracker, time);
    }

    private static async Task<Results<Ok<SiteView>, ProblemHttpResult>> ResumeAsync(string id, HttpContext context, SiteOperations sites, DestinationHealthTracker tracker, TimeProvider time)
    {
        var outcome = await sites.ResumeAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Ok(SiteView.Build(outcome.Value!, tracker, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<IReadOnlyList<StoredEvent>>, ProblemHttpResult>> EventsAsync(string id, HttpContext context, SiteOperations sites, SqliteEventRecorder events,
        DateTimeOffset? since, DateTimeOffset? until, long? after, int? limit)
    {
        if (sites.FindVisible(context.User.RequireAdminPrincipal(), id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var list = await events.ListAsync(id, since, until, after ?? 0, Math.Clamp(limit ?? 500, 1, 5000), context.RequestAborted);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(string id, HttpContext context, SiteOperations sites, AuditLog audit, DateTimeOffset? since, DateTimeOffset? until, int? limit) =>
        sites.FindVisible(context.User.RequireAdminPrincipal(), id) is null
            ? ProblemResults.NotFound($"Site '{id}'")
            : TypedResults.Ok(await audit.ListAsync(id, since, until, Math.Clamp(limit ?? 200, 1, 5000), currentSiteOnly: true, context.RequestAborted));

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetSmtpModeAsync(string id, HttpContext context, SmtpOperations smtp, JsonBody json, DestinationHealthTracker tracker, TimeProvider time)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (smtp.CheckMode(caller, id) is { } refused)
        {
            return refused.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<SmtpModeRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        return View(await smtp.SetModeAsync(caller, id, request!.Mode, context.RequestAborted), tracker, time);
    }

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetSmtpDomainsAsync(string id, HttpContext context, SmtpOperations smtp, JsonBody json, DestinationHealthTracker tracker, TimeProvider time)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (smtp.CheckDomains(caller, id) is { } refused)
        {
            return refused.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<SmtpDomainsRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        return View(await smtp.SetDomainsAsync(caller, id, request!.Domains ?? [], context.RequestAborted), tracker, time);
    }

    /// <summary>The site as it is after the operation, or the refusal as problem+json.</summary>
    private static Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult> View(Outcome<SiteEntry> outcome, DestinationHealthTracker tracker, TimeProvider time) =>
        outcome.Refusal is { } refused
            ? refused.IsInvalid() ? refused.ToValidationProblem() : refused.ToProblem()
            : TypedResults.Ok(SiteView.Build(outcome.Value!, tracker, time.GetUtcNow()));
}
