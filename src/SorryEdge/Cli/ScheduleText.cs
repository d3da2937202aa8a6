using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary>Text rendering of maintenance windows.</summary>
internal static class ScheduleText
{
    public static void List(JsonNode windows, TextWriter output)
    {
        var table = new TextTable("WINDOW", "START", "END", "MODE");
        foreach (var w in windows.AsArray().OfType<JsonObject>())
        {
            table.Add((string?)w["id"], CliContext.Iso(w["start"]), CliContext.Iso(w["end"]), (string?)w["mode"]);
        }

        table.WriteTo(output, "No maintenance windows.");
    }
}
