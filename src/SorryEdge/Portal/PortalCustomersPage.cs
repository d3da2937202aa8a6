using System.Text;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Customers;
using SorryEdge.Operations;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>Staff only: customers and their tokens. A new token's secret is shown once, on the answer page.</summary>
internal static class PortalCustomersPage
{
    public static void Map(RouteGroupBuilder portal)
    {
        portal.MapGet("/customers", ShowAsync);
        portal.MapPost("/customers", CreateAsync);
        portal.MapPost("/customers/{customerId}/tokens", IssueAsync);
        portal.MapPost("/tokens/{tokenId}/revoke", RevokeAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, CustomerOperations customers, string? done) =>
        StaffOnly(context) ?? await RenderAsync(context, customers, done is null ? "" : $"<p class=\"notice ok\" role=\"status\">{E(done == "revoked" ? "The token was revoked." : "The customer was created.")}</p>");

    private static async Task<IResult> CreateAsync(HttpContext context, CustomerOperations customers)
    {
        if (StaffOnly(context) is { } hidden)
        {
            return hidden;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var outcome = await customers.CreateCustomerAsync(context.User.RequireAdminPrincipal(), form["id"].ToString().Trim(), form["name"].ToString(), context.RequestAborted);
        return outcome.Refusal is { } refused
            ? await RenderAsync(context, customers, $"<p class=\"notice bad\" role=\"alert\">{E(refused.Sentence)} Nothing was changed.</p>", refused.Kind.Status())
            : Results.Redirect("/portal/customers?done=created");
    }

    private static async Task<IResult> IssueAsync(string customerId, HttpContext context, CustomerOperations customers)
    {
        if (StaffOnly(context) is { } hidden)
        {
            return hidden;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var outcome = await customers.IssueTokenAsync(context.User.RequireAdminPrincipal(), customerId, form["name"].ToString(), context.RequestAborted);
        if (!outcome.IsOk)
        {
            return outcome.Refusal!.Kind == RefusalKind.NotFound
                ? PortalLayout.NotFound(context)
                : await RenderAsync(context, customers, $"<p class=\"notice bad\" role=\"alert\">{E(outcome.Refusal.Sentence)} Nothing was changed.</p>", outcome.Refusal.Kind.Status());
        }

        var issued = outcome.Value!;
        return PortalLayout.Page(context, "Token issued", $"""
            <section class="card">
            <p>A token for customer <strong>{E(customerId)}</strong> ({E(issued.Name)}, id <code>{E(issued.Id)}</code>).</p>
            <p class="notice warn" role="status">Copy it now: it is shown only this once and stored only as a hash.</p>
            <p class="secret" id="issued-token">{E(issued.Token)}</p>
            <p><a href="/portal/customers">Back to customers</a></p>
            </section>
            """);
    }

    private static async Task<IResult> RevokeAsync(string tokenId, HttpContext context, CustomerOperations customers)
    {
        if (StaffOnly(context) is { } hidden)
        {
            return hidden;
        }

        return (await customers.RevokeAsync(context.User.RequireAdminPrincipal(), tokenId, context.RequestAborted)).IsOk
            ? Results.Redirect("/portal/customers?done=revoked")
            : PortalLayout.NotFound(context);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, CustomerOperations operations, string notice, int status = StatusCodes.Status200OK)
    {
        var caller = context.User.RequireAdminPrincipal();
        var customers = await operations.ListCustomersAsync(caller, context.RequestAborted);
        var tokens = await operations.ListTokensAsync(caller, context.RequestAborted);
        var html = new StringBuilder(notice);
        html.Append("<section class=\"card\" aria-labelledby=\"new-h\"><h2 id=\"new-h\">New customer</h2><form method=\"post\" action=\"/portal/customers\">").Append(Antiforgery(context))
            .Append("<div class=\"row\"><div><label for=\"cust-id\">Id</label><input type=\"text\" id=\"cust-id\" name=\"id\" required pattern=\"[a-z0-9][a-z0-9-]{0,62}\" aria-describedby=\"cust-id-hint\"></div>")
            .Append("<div><label for=\"cust-name\">Name</label><input type=\"text\" id=\"cust-name\" name=\"name\" required maxlength=\"200\"></div>")
            .Append("<div><button type=\"submit\">Create customer</button></div></div><p class=\"hint\" id=\"cust-id-hint\">Lower-case letters, digits and '-'.</p></form></section>");
        foreach (var customer in customers)
        {
            var path = "/portal/customers/" + Uri.EscapeDataString(customer.Id);
            html.Append("<section class=\"card\"><h2>").Append(E(customer.Name)).Append(" (").Append(E(customer.Id)).Append(")</h2>");
            html.Append(TokenTable(context, tokens.Where(t => t.Customer == customer.Id).ToList()));
            html.Append("<form method=\"post\" action=\"").Append(path).Append("/tokens\">").Append(Antiforgery(context))
                .Append("<div class=\"row\"><div><label for=\"tok-").Append(E(customer.Id)).Append("\">Token name</label><input type=\"text\" id=\"tok-").Append(E(customer.Id))
                .Append("\" name=\"name\" maxlength=\"200\" placeholder=\"token\"></div><div><button type=\"submit\">Issue token</button></div></div></form></section>");
        }

        html.Append("<section class=\"card\"><h2>Staff tokens</h2>").Append(TokenTable(context, tokens.Where(t => t.Customer is null).ToList())).Append("</section>");
        return PortalLayout.Page(context, "Customers", html.ToString(), status);
    }

    private static string TokenTable(HttpContext context, IReadOnlyList<TokenInfo> tokens)
    {
        if (tokens.Count == 0)
        {
            return "<p>No tokens.</p>";
        }

        var html = new StringBuilder("<table><thead><tr><th scope=\"col\">Token</th><th scope=\"col\">Name</th><th scope=\"col\">Created</th><th scope=\"col\">State</th></tr></thead><tbody>");
        foreach (var token in tokens)
        {
            html.Append("<tr><td><code>").Append(E(token.Id)).Append("</code></td><td>").Append(E(token.Name)).Append("</td><td>").Append(Time(token.CreatedAt)).Append("</td><td>")
                .Append(token.RevokedAt is { } at
                    ? "<span class=\"state bad\">Revoked</span> " + Time(at)
                    : "<span class=\"state ok\">Active</span> " + Button(context, $"/portal/tokens/{Uri.EscapeDataString(token.Id)}/revoke", "Revoke", "danger"))
                .Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    // Customers must not learn this page exists: the same 404 as for anything not theirs.
    private static IResult? StaffOnly(HttpContext context) => context.User.RequireAdminPrincipal().IsStaff ? null : PortalLayout.NotFound(context);
}
