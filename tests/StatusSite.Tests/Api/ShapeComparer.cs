using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StatusSite.Tests.Api;

/// <summary>
/// Compares a JSON document with a shape fixture: exact key sets (no missing, no extra), value types,
/// enum values, and where null is allowed. Returns every mismatch with its JSON path.
/// </summary>
internal sealed partial class ShapeComparer(JsonObject definitions)
{
    public static JsonObject LoadFixture() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "statuspage-v2-shapes.json")))!.AsObject();

    public List<string> Compare(JsonNode? actual, JsonNode shape, string path = "$")
    {
        var errors = new List<string>();
        Check(actual, shape, path, errors);
        return errors;
    }

    private void Check(JsonNode? actual, JsonNode shape, string path, List<string> errors)
    {
        switch (shape)
        {
            case JsonObject o when o["$ref"] is { } reference:
                Check(actual, definitions[reference.GetValue<string>()]!, path, errors);
                return;
            case JsonObject o when o["$nullable"] is { } inner:
                if (actual is not null)
                {
                    Check(actual, inner, path, errors);
                }

                return;
            case JsonObject o:
                CheckObject(actual, o, path, errors);
                return;
            case JsonArray a:
                if (actual is not JsonArray items)
                {
                    errors.Add($"{path}: expected an array, got {Kind(actual)}");
                    return;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Check(items[i], a[0]!, $"{path}[{i}]", errors);
                }

                return;
            default:
                CheckScalar(actual, shape.GetValue<string>(), path, errors);
                return;
        }
    }

    private void CheckObject(JsonNode? actual, JsonObject shape, string path, List<string> errors)
    {
        if (actual is not JsonObject obj)
        {
            errors.Add($"{path}: expected an object, got {Kind(actual)}");
            return;
        }

        foreach (var (key, fieldShape) in shape)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            var optional = fieldShape is JsonObject f && f["$optional"] is not null;
            if (!obj.ContainsKey(key))
            {
                if (!optional)
                {
                    errors.Add($"{path}.{key}: missing");
                }

                continue;
            }

            Check(obj[key], optional ? fieldShape!["$optional"]! : fieldShape!, $"{path}.{key}", errors);
        }

        errors.AddRange(obj.Select(p => p.Key).Where(k => !shape.ContainsKey(k)).Select(k => $"{path}.{k}: not in Statuspage's shape"));
    }

    private static void CheckScalar(JsonNode? actual, string type, string path, List<string> errors)
    {
        var nullable = type.EndsWith('?');
        type = type.TrimEnd('?');
        if (actual is null)
        {
            if (!nullable)
            {
                errors.Add($"{path}: null where {type} is required");
            }

            return;
        }

        var kind = actual.GetValueKind();
        var ok = type switch
        {
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "datetime" => kind == JsonValueKind.String && IsoDateTime().IsMatch(actual.GetValue<string>()),
            "date" => kind == JsonValueKind.String && IsoDate().IsMatch(actual.GetValue<string>()),
            _ when type.StartsWith("enum:", StringComparison.Ordinal) =>
                kind == JsonValueKind.String && type[5..].Split('|').Contains(actual.GetValue<string>()),
            _ => throw new InvalidOperationException("unknown shape type " + type),
        };
        if (!ok)
        {
            errors.Add($"{path}: {actual.ToJsonString()} is not {type}");
        }
    }

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}
