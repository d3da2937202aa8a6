using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Customers;
using SorryEdge.Http;
using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>Customers and tokens: staff create them; a token's secret is answered once.</summary>
internal static class CustomersApi
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

    private static async Task<Results<Created<Customer>, ValidationProblem, ProblemHttpResult>> CreateCustomerAsync(HttpContext context, CustomerOperations customers, JsonBody json)
    {
        var caller = context.User.RequireAdminPrincipal();
        if (CustomerOperations.CheckStaff(caller) is { } refused)
        {
            return refused.ToProblem();
        }

        var (request, problem) = await json.ReadAsync<CustomerRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await customers.CreateCustomerAsync(caller, request!.Id, request.Name, context.RequestAborted);
        return outcome.Refusal is { } invalid
            ? invalid.IsInvalid() ? invalid.ToValidationProblem() : invalid.ToProblem()
            : TypedResults.Created($"/api/v1/customers/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<Ok<IReadOnlyList<Customer>>> ListCustomersAsync(HttpContext context, CustomerOperations customers) =>
        TypedResults.Ok(await customers.ListCustomersAsync(context.User.RequireAdminPrincipal(), context.RequestAborted));

    private static async Task<Results<Ok<Customer>, ProblemHttpResult>> GetCustomerAsync(string id, HttpContext context, CustomerOperations customers)
    {
        var outcome = await customers.GetCustomerAsync(context.User.RequireAdminPrincipal(), id, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    private static Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueCustomerTokenAsync(string id, HttpContext context, CustomerOperations customers, JsonBody json) =>
        IssueAsync(id, context, customers, json);

    private static Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueStaffTokenAsync(HttpContext context, CustomerOperations customers, JsonBody json) =>
        IssueAsync(null, context, customers, json);

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueAsync(string? customerId, HttpContext context, CustomerOperations customers, JsonBody json)
    {
        var caller = context.User.RequireAdminPrincipal();
        var name = caller.IsStaff ? await ReadNameAsync(context, json) : null;
        var outcome = await customers.IssueTokenAsync(caller, customerId, name, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.Created($"/api/v1/tokens/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<Ok<IReadOnlyList<TokenInfo>>> ListTokensAsync(HttpContext context, CustomerOperations customers) =>
        TypedResults.Ok(await customers.ListTokensAsync(context.User.RequireAdminPrincipal(), context.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string tokenId, HttpContext context, CustomerOperations customers)
    {
        var outcome = await customers.RevokeAsync(context.User.RequireAdminPrincipal(), tokenId, context.RequestAborted);
        return outcome.Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(HttpContext context, AuditLog audit, string? site, DateTimeOffset? since, DateTimeOffset? until, int? limit)
    {
        if (CustomerOperations.CheckStaff(context.User.RequireAdminPrincipal()) is { } refused)
        {
            return refused.ToProblem();
        }

        return TypedResults.Ok(await audit.ListAsync(site, since, until, Math.Clamp(limit ?? 200, 1, 5000), currentSiteOnly: false, context.RequestAborted));
    }

    /// <summary>The optional token name in the body; an absent or unreadable body leaves the default name.</summary>
    private static async Task<string?> ReadNameAsync(HttpContext context, JsonBody json)
    {
        if (context.Request.ContentLength is null or 0)
        {
            return null;
        }

        var (request, _) = await json.ReadAsync<CustomerRequest>(context);
        return request?.Name;
    }
}
