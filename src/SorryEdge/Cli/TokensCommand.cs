using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>tokens issue|list|revoke</c>: admin API tokens, shown once and stored hashed by the edge.</summary>
internal static class TokensCommand
{
    public static Command Build(CliContext cli) => new("tokens", "Admin API tokens") { Issue(cli), List(cli), Revoke(cli) };

    private static Command Issue(CliContext cli)
    {
        var customer = new Option<string>("--customer") { Description = "Issue a token scoped to this customer's sites", HelpName = "id" };
        var staff = new Option<bool>("--staff") { Description = "Issue a staff token (all sites, customers and tokens)" };
        var name = new Option<string>("--name") { Description = "A name to recognise the token by in `tokens list` and the audit log" };
        var issue = new Command("issue", "Issue a token (staff only); its secret is printed this once") { customer, staff, name };
        issue.Validators.Add(result =>
        {
            if ((result.GetResult(customer) is null) == !result.GetValue(staff))
            {
                result.AddError("Give exactly one of --customer <id> or --staff.");
            }
        });
        issue.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) =>
        {
            var body = parse.GetValue(name) is { } n ? new { name = n } : null;
            var path = parse.GetValue(customer) is { } id ? $"/api/v1/customers/{Uri.EscapeDataString(id)}/tokens" : "/api/v1/tokens";
            return api.SendJsonAsync(HttpMethod.Post, path, body, c);
        }, Issued, ct));
        return issue;
    }

    private static void Issued(JsonNode token, TextWriter output)
    {
        var scope = (string?)token["customer"] is { } customer ? $"customer {customer}" : "staff";
        output.WriteLine($"Token {token["id"]} ({scope}, \"{token["name"]}\") issued. Its secret is shown only now:");
        output.WriteLine((string?)token["token"]);
    }

    private static Command List(CliContext cli)
    {
        var list = new Command("list", "List tokens (never their secrets)");
        list.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync("/api/v1/tokens", c), (tokens, o) =>
        {
            var table = new TextTable("TOKEN", "SCOPE", "CUSTOMER", "CREATED", "REVOKED", "NAME");
            foreach (var t in tokens.AsArray().OfType<JsonObject>())
            {
                table.Add((string?)t["id"], (string?)t["scope"], (string?)t["customer"], CliContext.Iso(t["createdAt"]),
                    t["revokedAt"] is { } revoked ? CliContext.Iso(revoked) : "-", (string?)t["name"]);
            }

            table.WriteTo(o, "No tokens.");
        }, ct));
        return list;
    }

    private static Command Revoke(CliContext cli)
    {
        var id = new Argument<string>("tokenId") { Description = "The token's id (tok_…), as `tokens list` shows it" };
        var revoke = new Command("revoke", "Revoke a token; calls with it are refused from now on") { id };
        revoke.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.DeleteAsync("/api/v1/tokens/" + Uri.EscapeDataString(parse.GetValue(id)!), c),
            (_, o) => o.WriteLine($"Token {parse.GetValue(id)} revoked."), ct));
        return revoke;
    }
}
