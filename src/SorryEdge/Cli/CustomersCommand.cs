using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>customers create|list</c> (staff).</summary>
internal static class CustomersCommand
{
    public static Command Build(CliContext cli)
    {
        var id = new Argument<string>("id") { Description = "The customer's id: a-z, 0-9 and '-'" };
        var name = new Option<string>("--name") { Description = "The customer's display name", Required = true };
        var create = new Command("create", "Create a customer (staff only); give its sites this id in their 'customer' field") { id, name };
        create.SetAction((parse, ct) => cli.RunAsync(parse,
            (api, c) => api.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new { id = parse.GetValue(id), name = parse.GetValue(name) }, c),
            (customer, o) => o.WriteLine($"Customer {customer["id"]} ({customer["name"]}) created."), ct));

        var list = new Command("list", "List customers (a customer token sees only itself)");
        list.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync("/api/v1/customers", c), List, ct));

        return new Command("customers", "Customers who own sites") { create, list };
    }

    private static void List(JsonNode customers, TextWriter output)
    {
        var table = new TextTable("CUSTOMER", "CREATED", "NAME");
        foreach (var c in customers.AsArray().OfType<JsonObject>())
        {
            table.Add((string?)c["id"], CliContext.Iso(c["createdAt"]), (string?)c["name"]);
        }

        table.WriteTo(output, "No customers.");
    }
}
