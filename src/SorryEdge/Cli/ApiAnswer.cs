using System.Text.Json.Nodes;

namespace SorryEdge.Cli;

/// <summary>A successful admin API answer: its status and the body exactly as sent.</summary>
internal sealed record ApiAnswer(int Status, string Body)
{
    /// <summary>The body parsed; an empty object for 204 No Content.</summary>
    public JsonNode Json => string.IsNullOrWhiteSpace(Body) ? new JsonObject() : JsonNode.Parse(Body) ?? new JsonObject();
}
