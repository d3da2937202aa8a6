using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Customers;
using SorryEdge.Http;

namespace SorryEdge.Admin;

/// <summary>Customers and tokens: staff create them; a token's secret is answered once.</summary>
public static partial class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithAdminApiResponses();
        group.MapPost("/customers", CreateCustomerAsync).ProducesJsonBodyProblems()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/customers", ListCustomersAsync).ProducesDiskReadFault();
        group.MapGet("/customers/{id}", GetCustomerAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesDiskReadFault();
        group.MapPost("/customers/{id}/tokens", IssueCustomerTokenAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/tokens", IssueStaffTokenAsync).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/tokens", ListTokensAsync).ProducesDiskReadFault();
        group.MapDelete("/tokens/{tokenId}", RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/audit", AuditAsync).ProducesQueryBindingFailure().ProducesProblem(StatusCodes.Status403Forbidden).ProducesDiskReadFault();
        return api;
    }

    private static async Task<Results<Created<Customer>, ValidationProblem, ProblemHttpResult>> CreateCustomerAsync(HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        var (request, problem) = await JsonBody.ReadAsync<CustomerRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (request!.Id is null || !IdPattern().IsMatch(request.Id))
        {
            errors["id"] = ["must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit"];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["must be 1–200 characters"];
        }

        if (errors.Count > 0)
        {
            return ProblemResults.Invalid(errors);
        }

        var customer = await store.CreateCustomerAsync(request.Id!, request.Name!.Trim(), context.RequestAborted);
        return customer is null
            ? ProblemResults.Problem(StatusCodes.Status409Conflict, "A customer with that id exists")
            : TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
    }

    private static async Task<Ok<IReadOnlyList<Customer>>> ListCustomersAsync(HttpContext context, CustomerStore store)
    {
        var principal = context.User.RequireAdminPrincipal();
        var all = await store.ListCustomersAsync(context.RequestAborted);
        return TypedResults.Ok(principal.IsStaff ? all : all.Where(c => c.Id == principal.CustomerId).ToList());
    }

    private static async Task<Results<Ok<Customer>, ProblemHttpResult>> GetCustomerAsync(string id, HttpContext context, CustomerStore store)
    {
        var principal = context.User.RequireAdminPrincipal();
        var customer = principal.IsStaff || principal.CustomerId == id ? await store.GetCustomerAsync(id, context.RequestAborted) : null;
        return customer is null ? ProblemResults.NotFound($"Customer '{id}'") : TypedResults.Ok(customer);
    }

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueCustomerTokenAsync(string id, HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        if (await store.GetCustomerAsync(id, context.RequestAborted) is null)
        {
            return ProblemResults.NotFound($"Customer '{id}'");
        }

        var name = await ReadNameAsync(context) ?? "token";
        var issued = await store.IssueTokenAsync(id, name, context.RequestAborted);
        return TypedResults.Created($"/api/v1/tokens/{issued.Id}", issued);
    }

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueStaffTokenAsync(HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        var issued = await store.IssueTokenAsync(null, await ReadNameAsync(context) ?? "staff token", context.RequestAborted);
        return TypedResults.Created($"/api/v1/tokens/{issued.Id}", issued);
    }

    private static async Task<Ok<IReadOnlyList<TokenInfo>>> ListTokensAsync(HttpContext context, CustomerStore store)
    {
        var principal = context.User.RequireAdminPrincipal();
        var all = await store.ListTokensAsync(context.RequestAborted);
        return TypedResults.Ok(principal.IsStaff ? all : all.Where(t => t.Customer == principal.CustomerId).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string tokenId, HttpContext context, CustomerStore store)
    {
        var principal = context.User.RequireAdminPrincipal();
        var token = (await store.ListTokensAsync(context.RequestAborted)).FirstOrDefault(t => t.Id == tokenId);
        // A customer may revoke its own tokens; anything else is invisible to it.
        if (token is null || (!principal.IsStaff && token.Customer != principal.CustomerId))
        {
            return ProblemResults.NotFound($"Token '{tokenId}'");
        }

        await store.RevokeAsync(tokenId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(HttpContext context, AuditLog audit, string? site, DateTimeOffset? since, DateTimeOffset? until, int? limit)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await audit.ListAsync(site, since, until, Math.Clamp(limit ?? 200, 1, 5000), currentSiteOnly: false, context.RequestAborted));
    }

    private static async Task<string?> ReadNameAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0)
        {
            return null;
        }

        var (request, _) = await JsonBody.ReadAsync<CustomerRequest>(context);
        return request?.Name is { Length: > 0 and <= 200 } name ? name : null;
    }

    private static ProblemHttpResult? StaffOnly(HttpContext context) =>
        context.User.RequireAdminPrincipal().IsStaff ? null : ProblemResults.Problem(StatusCodes.Status403Forbidden, "Only staff tokens may do this");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
