using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>
/// The OpenAPI document a running edge serves at <c>/openapi/v1.json</c>: every <c>/api/v1</c>
/// endpoint is in it with each answer it can give and that answer's schema.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiEdgeFixture fixture) : IClassFixture<OpenApiEdgeFixture>
{
    private const string Prefix = "/api/v1/";

    /// <summary>Answers 204 without a body by design.</summary>
    private static readonly HashSet<string> NoContent =
    [
        "DELETE /api/v1/sites/{id}",
        "DELETE /api/v1/sites/{id}/schedules/{windowId}",
        "DELETE /api/v1/sites/{id}/sorry-page",
        "DELETE /api/v1/sites/{id}/sorry-page/versions/{version}",
        "DELETE /api/v1/tokens/{tokenId}",
    ];

    /// <summary>
    /// Every status each operation declares. All: 401 (token) and 429 (guess throttle); writes
    /// also 503 and 507 (disk, audit row, cluster store) and, on the cluster store, 409; reads
    /// from the data disk 503; typed query parameters a bare 400; the rest are the handler's own.
    /// </summary>
    private static readonly Dictionary<string, string> Statuses = new()
    {
        ["GET /api/v1/sites"] = "200 401 429",
        ["GET /api/v1/sites/{id}"] = "200 401 404 429",
        ["PUT /api/v1/sites/{id}"] = "200 201 400 401 403 404 409 413 415 429 503 507",
        ["DELETE /api/v1/sites/{id}"] = "204 401 403 404 409 429 503 507",
        ["PUT /api/v1/sites/{id}/mode"] = "200 400 401 404 409 413 415 429 503 507",
        ["POST /api/v1/sites/{id}/resume"] = "200 401 404 409 429 503 507",
        ["GET /api/v1/sites/{id}/events"] = "200 400 401 404 429 503",
        ["GET /api/v1/sites/{id}/audit"] = "200 400 401 404 429 503",
        ["PUT /api/v1/sites/{id}/smtp-mode"] = "200 400 401 404 409 413 415 429 503 507",
        ["PUT /api/v1/sites/{id}/smtp-domains"] = "200 400 401 403 404 409 413 415 429 503 507",
        ["GET /api/v1/sites/{id}/schedules"] = "200 401 404 429",
        ["POST /api/v1/sites/{id}/schedules"] = "201 400 401 404 409 413 415 429 503 507",
        ["DELETE /api/v1/sites/{id}/schedules/{windowId}"] = "204 401 404 409 429 503 507",
        ["PUT /api/v1/sites/{id}/bypass"] = "200 400 401 404 409 413 415 429 503 507",
        ["POST /api/v1/sites/{id}/bypass/rotate"] = "200 401 404 409 429 503 507",
        ["PUT /api/v1/sites/{id}/sorry-page"] = "201 400 401 404 409 413 415 429 503 507",
        ["DELETE /api/v1/sites/{id}/sorry-page"] = "204 401 404 409 429 503 507",
        ["GET /api/v1/sites/{id}/sorry-page/versions"] = "200 401 404 429 503",
        ["POST /api/v1/sites/{id}/sorry-page/versions/{version}/activate"] = "200 401 404 409 429 503 507",
        ["DELETE /api/v1/sites/{id}/sorry-page/versions/{version}"] = "204 401 404 409 429 503 507",
        ["POST /api/v1/sites/{id}/sorry-page/rollback"] = "200 401 404 409 429 503 507",
        ["GET /api/v1/sites/{id}/sorry-page/versions/{version}/preview/{path}"] = "200 401 404 429 503",
        ["POST /api/v1/customers"] = "201 400 401 403 409 413 415 429 503 507",
        ["GET /api/v1/customers"] = "200 401 429 503",
        ["GET /api/v1/customers/{id}"] = "200 401 404 429 503",
        ["POST /api/v1/customers/{id}/tokens"] = "201 401 403 404 409 429 503 507",
        ["POST /api/v1/tokens"] = "201 401 403 409 429 503 507",
        ["GET /api/v1/tokens"] = "200 401 429 503",
        ["DELETE /api/v1/tokens/{tokenId}"] = "204 401 404 409 429 503 507",
        ["GET /api/v1/audit"] = "200 400 401 403 429 503",
        ["GET /api/v1/cluster"] = "200 401 403 429",
        ["POST /api/v1/demo/backend/stop"] = "200 401 429 503 507",
        ["POST /api/v1/demo/backend/start"] = "200 401 429 503 507",
    };

    private JsonElement Document => fixture.Document;

    [Fact]
    public void Document_FromRunningEdge_IsOpenApi3WithAdminPaths()
    {
        Assert.StartsWith("3.", Document.GetProperty("openapi").GetString());
        Assert.Contains(Document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith(Prefix, StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Object, Document.GetProperty("components").GetProperty("schemas").ValueKind);
    }

    [Fact]
    public void Document_AdminOperations_SameAsRegisteredEndpoints()
    {
        // From the routing table, not from the document: an endpoint left out of it fails here.
        var registered = fixture.Edge.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith(Prefix, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {OpenApiPath(e.RoutePattern)}"))
            .Order(StringComparer.Ordinal).ToList();
        var documented = Operations().Select(o => o.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Statuses.Count, registered.Count);
        Assert.Equal(registered, documented);
        Assert.Equal(Statuses.Keys.Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void Document_EveryAdminOperation_AnswersSuccessWithSchemaOrNoContentByDesign()
    {
        var failures = new List<string>();
        foreach (var (key, operation) in Operations())
        {
            var successes = Responses(operation).Where(r => r.Name.StartsWith('2')).ToList();
            if (NoContent.Contains(key))
            {
                if (successes is not [{ Name: "204" } only] || only.Value.TryGetProperty("content", out _))
                {
                    failures.Add($"{key}: expected only a 204 without a body");
                }

                continue;
            }

            if (successes.Count == 0)
            {
                failures.Add($"{key}: no 2xx answer");
            }

            foreach (var success in successes)
            {
                if (!success.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
                {
                    failures.Add($"{key} {success.Name}: no content");
                    continue;
                }

                failures.AddRange(content.EnumerateObject().Where(c => !HasSchema(c.Value)).Select(c => $"{key} {success.Name} {c.Name}: no schema"));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Document_EveryAdminOperation_DeclaresItsErrorAnswers()
    {
        var failures = new List<string>();
        foreach (var (key, operation) in Operations())
        {
            var declared = string.Join(' ', Responses(operation).Select(r => r.Name).Order(StringComparer.Ordinal));
            if (!Statuses.TryGetValue(key, out var expected) || declared != expected)
            {
                failures.Add($"{key}: declares {declared}, expected {expected ?? "(not listed)"}");
            }

            var hasQuery = operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "query");
            foreach (var error in Responses(operation).Where(r => r.Name[0] is '4' or '5'))
            {
                if (!error.Value.TryGetProperty("content", out var content))
                {
                    // Only the framework's parameter binding answers without a problem body.
                    if (!(error.Name == "400" && hasQuery))
                    {
                        failures.Add($"{key} {error.Name}: no problem body");
                    }

                    continue;
                }

                var reference = content.TryGetProperty("application/problem+json", out var problem) && problem.TryGetProperty("schema", out var schema)
                    && schema.TryGetProperty("$ref", out var r) ? r.GetString() : null;
                if (reference is not ("#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails"))
                {
                    failures.Add($"{key} {error.Name}: not application/problem+json with a problem schema ({reference ?? "none"})");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Document_EverySchemaRef_ResolvesInsideTheDocument()
    {
        var references = new List<string>();
        Collect(Document, references);

        Assert.Contains("#/components/schemas/SiteView", references);
        Assert.All(references.Distinct(), reference =>
        {
            Assert.StartsWith("#/components/", reference);
            Assert.True(Resolve(reference) is not null, $"{reference} does not resolve");
        });
    }

    [Fact]
    public async Task SiteViewSchema_LiveSiteAnswer_SameFieldsInSameOrder()
    {
        var edge = fixture.Edge;
        await edge.PutSiteAsync("openapi-view", EdgeTestHost.Site("openapi-view.test", ["http://127.0.0.1:9"]));
        var site = await edge.GetSiteAsync("openapi-view");

        var get = Document.GetProperty("paths").GetProperty("/api/v1/sites/{id}").GetProperty("get");
        var schema = Resolve(get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!)!.Value;
        Assert.Equal(site.Select(p => p.Key), schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));

        var state = Resolve(schema.GetProperty("properties").GetProperty("state").GetProperty("$ref").GetString()!)!.Value;
        Assert.Equal(site["state"]!.AsObject().Select(p => p.Key), state.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private IEnumerable<KeyValuePair<string, JsonElement>> Operations() =>
        from path in Document.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith(Prefix, StringComparison.Ordinal)
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options"
        select KeyValuePair.Create($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    private static IEnumerable<JsonProperty> Responses(JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses) ? responses.EnumerateObject() : [];

    private static bool HasSchema(JsonElement mediaType) =>
        mediaType.TryGetProperty("schema", out var schema) && (schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("type", out _));

    /// <summary>The path as OpenAPI writes it: parameters by name, without constraints or catch-all stars.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException($"unexpected route part in {pattern.RawText}"),
        }))));

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }

    /// <summary>A local reference (<c>#/a/b</c>, RFC 6901 escapes) in the document; null when it leads nowhere.</summary>
    private JsonElement? Resolve(string reference)
    {
        var current = Document;
        foreach (var token in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
