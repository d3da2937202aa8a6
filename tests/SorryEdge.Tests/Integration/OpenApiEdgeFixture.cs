using System.Net;
using System.Text.Json;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>One running edge (with the demo API mapped) and the OpenAPI document it served, shared by <see cref="OpenApiDocumentTests"/>.</summary>
public sealed class OpenApiEdgeFixture : IAsyncLifetime
{
    public EdgeTestHost Edge { get; private set; } = null!;

    public JsonElement Document { get; private set; }

    public async Task InitializeAsync()
    {
        // The demo API is mapped only when the demo is on; its backend binds port 0 here.
        Edge = await EdgeTestHost.StartAsync(new() { ["Edge:Demo:Enabled"] = "true", ["Edge:Demo:BackendListen"] = "http://127.0.0.1:0" });
        using var response = await Edge.Admin.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        Document = JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task DisposeAsync() => await Edge.DisposeAsync();
}
