using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SorryEdge.Admin;
using SorryEdge.Customers;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>Staff only: customers and their tokens. A new token's secret is shown once, on the answer page.</summary>
internal static partial class PortalCustomersPage
{
    public static void Map(RouteGroupBuilder portal)
    {
        portal.MapGet("/customers", ShowAsync);
        portal.MapPost("/customers", CreateAsync);
        portal.MapPost("/customers/{customerId}/tokens", IssueAsync);
        portal.MapPost("/tokens/{tokenId}/revoke", RevokeAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, CustomerStore store, string? done) =>
        StaffOnly(context) ?? await RenderAsync(context, store, done is null ? "" : $"<p class=\"notice ok\" role=\"status\">{E(done == "revoked" ? "The token was revoked." : "The customer was created.")}</p>");

    private static async Task<IResult> CreateAsync(HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var id = form["id"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        if (!IdPattern().IsMatch(id) || name.Length is 0 or > 200)
        {
            return await RenderAsync(context, store, "<p class=\"notice bad\" role=\"alert\">The id must be 1–63 characters of a–z, 0–9 and '-', starting with a letter or digit; the name 1–200 characters. Nothing was changed.</p>", StatusCodes.Status400BadRequest);
        }

        return await store.CreateCustomerAsync(id, name, context.RequestAborted) is null
            ? await RenderAsync(context, store, $"<p class=\"notice bad\" role=\"alert\">A customer '{E(id)}' exists already. Nothing was changed.</p>", StatusCodes.Status409Conflict)
            : Results.Redirect("/portal/customers?done=created");
    }

    private static async Task<IResult> IssueAsync(string customerId, HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        if (await store.GetCustomerAsync(customerId, context.RequestAborted) is null)
        {
            return PortalLayout.NotFound(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim() is { Length: > 0 and <= 200 } n ? n : "portal token";
        var issued = await store.IssueTokenAsync(customerId, name, context.RequestAborted);
        return PortalLayout.Page(context, "Token issued", $"""
            <section class="card">
            <p>A token for customer <strong>{E(customerId)}</strong> ({E(issued.Name)}, id <code>{E(issued.Id)}</code>).</p>
            <p class="notice warn" role="status">Copy it now: it is shown only this once and stored only as a hash.</p>
            <p class="secret" id="issued-token">{E(issued.Token)}</p>
            <p><a href="/portal/customers">Back to customers</a></p>
            </section>
            """);
    }

    private static async Task<IResult> RevokeAsync(string tokenId, HttpContext context, CustomerStore store)
    {
        if (StaffOnly(context) is { } refused)
        {
            return refused;
        }

        return await store.RevokeAsync(tokenId, context.RequestAborted) ? Results.Redirect("/portal/customers?done=revoked") : PortalLayout.NotFound(context);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, CustomerStore store, string notice, int status = StatusCodes.Status200OK)
    {
        var customers = await store.ListCustomersAsync(context.RequestAborted);
        var tokens = await store.ListTokensAsync(context.RequestAborted);
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
                .Append("\" name=\"name\" maxlength=\"200\" placeholder=\"portal token\"></div><div><button type=\"submit\">Issue token</button></div></div></form></section>");
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

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();
}
