using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Customers;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Http;
using SorryEdge.Operations;
using SorryEdge.Pages;
using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>The sites part of the admin API: configuration, mode switches, resume and events.</summary>
public static class SitesApi
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
        var list = catalog.Sites.Values.Where(e => CanSee(principal, e.Site)).OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => SiteView.Build(e, tracker, now)).ToList();
        return TypedResults.Ok(list);
    }

    private static Results<Ok<SiteView>, ProblemHttpResult> GetAsync(string id, HttpContext context, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time) =>
        FindVisible(context, catalog, id) is { } entry
            ? TypedResults.Ok(SiteView.Build(entry, tracker, time.GetUtcNow()))
            : ProblemResults.NotFound($"Site '{id}'");

    private static async Task<Results<Ok<SiteView>, Created<SiteView>, ValidationProblem, ProblemHttpResult>> PutAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, DestinationHealthTracker tracker, CustomerStore customers, TimeProvider time)
    {
        var principal = context.User.RequireAdminPrincipal();
        if (!principal.IsStaff)
        {
            return FindVisible(context, catalog, id) is null
                ? ProblemResults.NotFound($"Site '{id}'")
                : ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff change a site's configuration");
        }

        var (site, problem) = await JsonBody.ReadAsync<Site>(context);
        if (problem is not null)
        {
            return problem;
        }

        // JSON null for a list or object means "not given": the defaults, not a crash.
        site = site! with
        {
            Id = id,
            Hostnames = (site.Hostnames ?? []).Select(h => (h ?? "").Trim().ToLowerInvariant()).ToList(),
            Backends = site.Backends ?? [],
            Health = site.Health ?? new SiteHealthSettings(),
            Bypass = site.Bypass ?? new BypassSettings(),
            Schedules = site.Schedules ?? [],
        };
        if (site.Backends.Any(b => b is null) || site.Schedules.Any(w => w is null) || site.Bypass.Cidrs is null)
        {
            return ProblemResults.BadRequest("The request body has a null where an object or list is expected");
        }
        var errors = SiteValidator.Validate(site, catalog.Sites.Values.Select(e => e.Site));
        if (site.Customer is not null && await customers.GetCustomerAsync(site.Customer, context.RequestAborted) is null)
        {
            errors["customer"] = [$"no customer '{site.Customer}'; create it with POST /api/v1/customers first"];
        }

        if (errors.Count > 0)
        {
            return ProblemResults.Invalid(errors);
        }

        if (SmtpListenerTaken(catalog, site) is { } taken)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "An SMTP listener belongs to another site",
                $"'{taken.Listen}' is already the SMTP listener of site '{taken.Site}'.");
        }

        var result = await service.PutAsync(site, principal.Actor, context.RequestAborted);
        if (result.Outcome == SiteWriteOutcome.HostnameTaken)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "A hostname belongs to another site",
                $"'{result.Hostname}' is already served by another site; remove it there first.");
        }

        var view = SiteView.Build(catalog.Find(id)!, tracker, time.GetUtcNow());
        return result.Outcome == SiteWriteOutcome.Created
            ? TypedResults.Created($"/api/v1/sites/{id}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, PageStore pages)
    {
        var principal = context.User.RequireAdminPrincipal();
        if (FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        if (!principal.IsStaff)
        {
            return ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff delete sites");
        }

        if (!await service.DeleteAsync(id, principal.Actor, context.RequestAborted))
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        // The rows went with the site; the files are removed even if the caller has gone.
        await pages.DeleteSiteAsync(id, CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetModeAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time)
    {
        if (FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var (request, problem) = await JsonBody.ReadAsync<ModeRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        if (request!.Until is { } until && until <= now)
        {
            return ProblemResults.Invalid(new Dictionary<string, string[]> { ["until"] = ["must be in the future"] });
        }

        if (request.Mode == SiteMode.Redirect && entry.Site.Redirect is null)
        {
            return ProblemResults.Invalid(new Dictionary<string, string[]> { ["mode"] = ["the site has no redirect settings; set 'redirect' on the site first"] });
        }

        await service.SetModeAsync(id, request.Mode, request.Until, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return TypedResults.Ok(SiteView.Build(catalog.Find(id)!, tracker, now));
    }

    private static async Task<Results<Ok<SiteView>, ProblemHttpResult>> ResumeAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time)
    {
        if (FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        await service.ResumeAsync(id, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return TypedResults.Ok(SiteView.Build(catalog.Find(id)!, tracker, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<IReadOnlyList<StoredEvent>>, ProblemHttpResult>> EventsAsync(string id, HttpContext context, SiteCatalog catalog, SqliteEventRecorder events,
        DateTimeOffset? since, DateTimeOffset? until, long? after, int? limit)
    {
        if (FindVisible(context, catalog, id) is null)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        var list = await events.ListAsync(id, since, until, after ?? 0, Math.Clamp(limit ?? 500, 1, 5000), context.RequestAborted);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(string id, HttpContext context, SiteCatalog catalog, AuditLog audit, DateTimeOffset? since, DateTimeOffset? until, int? limit) =>
        FindVisible(context, catalog, id) is null
            ? ProblemResults.NotFound($"Site '{id}'")
            : TypedResults.Ok(await audit.ListAsync(id, since, until, Math.Clamp(limit ?? 200, 1, 5000), currentSiteOnly: true, context.RequestAborted));

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetSmtpModeAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time)
    {
        if (FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        if (entry.Site.Smtp is null)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "The site has no SMTP front", "Set the site's 'smtp' object first.");
        }

        var (request, problem) = await JsonBody.ReadAsync<SmtpModeRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = await SmtpSwitch.SetModeAsync(service, entry, request!.Mode, context.User.RequireAdminPrincipal().Actor, context.RequestAborted);
        return errors.Count > 0
            ? ProblemResults.Invalid(errors.ToDictionary(e => e.Key, e => e.Value))
            : TypedResults.Ok(SiteView.Build(catalog.Find(id)!, tracker, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<SiteView>, ValidationProblem, ProblemHttpResult>> SetSmtpDomainsAsync(string id, HttpContext context, SiteService service, SiteCatalog catalog, DestinationHealthTracker tracker, TimeProvider time)
    {
        var principal = context.User.RequireAdminPrincipal();
        if (FindVisible(context, catalog, id) is not { } entry)
        {
            return ProblemResults.NotFound($"Site '{id}'");
        }

        // A domain decides whose server gets the mail: claiming one is staff's call, as hostnames are.
        if (!principal.IsStaff)
        {
            return ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff change a site's SMTP domains");
        }

        if (entry.Site.Smtp is null)
        {
            return ProblemResults.Problem(StatusCodes.Status409Conflict, "The site has no SMTP front", "Set the site's 'smtp' object first.");
        }

        var (request, problem) = await JsonBody.ReadAsync<SmtpDomainsRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = await SmtpSwitch.SetDomainsAsync(service, catalog, entry, request!.Domains ?? [], principal.Actor, context.RequestAborted);
        return errors.Count > 0
            ? ProblemResults.Invalid(errors.ToDictionary(e => e.Key, e => e.Value))
            : TypedResults.Ok(SiteView.Build(catalog.Find(id)!, tracker, time.GetUtcNow()));
    }

    private static (string Listen, string Site)? SmtpListenerTaken(SiteCatalog catalog, Site site)
    {
        foreach (var listen in site.Smtp?.Listen ?? [])
        {
            var other = catalog.Sites.Values.FirstOrDefault(e => e.Id != site.Id && e.Site.Smtp?.Listen.Contains(listen) == true);
            if (other is not null)
            {
                return (listen, other.Id);
            }
        }

        return null;
    }

    /// <summary>The site, if the caller may see it (others' sites answer as if absent).</summary>
    public static SiteEntry? FindVisible(HttpContext context, SiteCatalog catalog, string id) =>
        catalog.Find(id) is { } entry && CanSee(context.User.RequireAdminPrincipal(), entry.Site) ? entry : null;

    public static bool CanSee(AdminPrincipal principal, Site site) =>
        principal.IsStaff || (principal.CustomerId is not null && site.Customer == principal.CustomerId);
}
