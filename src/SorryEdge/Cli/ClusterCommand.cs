using System.CommandLine;
using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary><c>cluster</c>: this node, the overseer, every node's liveness and applied revision, the store's health.</summary>
internal static class ClusterCommand
{
    public static Command Build(CliContext cli)
    {
        var cluster = new Command("cluster", "Show the cluster as this edge sees it: nodes, overseer, etcd health, lag (staff)");
        cluster.SetAction((parse, ct) => cli.RunAsync(parse, (api, c) => api.GetAsync("/api/v1/cluster", c), Show, ct));
        return cluster;
    }

    private static void Show(JsonNode status, TextWriter output)
    {
        if ((string?)status["mode"] == "single")
        {
            output.WriteLine("Single node (embedded SQLite, no etcd): cluster mode is off.");
            return;
        }

        var store = status["store"]!;
        output.WriteLine($"node {status["node"]}  overseer {(string?)status["overseer"] ?? "(none)"}  store {((bool)store["available"]! ? "available" : "UNAVAILABLE: " + (string?)store["error"])}");
        output.WriteLine($"applied revision {status["appliedRevision"]}  store revision {status["storeRevision"]}  lag {status["lag"]}");
        var table = new TextTable("PRIORITY", "NODE", "ALIVE", "OVERSEER", "LAST SEEN", "APPLIED");
        foreach (var node in status["nodes"]!.AsArray().OfType<JsonObject>())
        {
            table.Add(node["priority"]!.ToString(), (string?)node["name"], (bool)node["alive"]! ? "yes" : "no", (bool)node["overseer"]! ? "yes" : "",
                CliContext.Iso(node["lastSeen"]), node["appliedRevision"]?.ToString());
        }

        table.WriteTo(output, "No nodes configured.");
        if (status["downSites"]!.AsArray().Count > 0)
        {
            output.WriteLine("down (majority): " + string.Join(", ", status["downSites"]!.AsArray().Select(s => (string?)s)));
        }
    }
}
