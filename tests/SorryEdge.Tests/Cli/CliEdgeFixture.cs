using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cli;

/// <summary>One real edge and one real backend shared by a CLI test class; each test uses its own site ids.</summary>
public sealed class CliEdgeFixture : IAsyncLifetime
{
    private int _next;

    public EdgeTestHost Edge { get; private set; } = null!;

    public TestBackend Backend { get; private set; } = null!;

    public string Url => Edge.AdminUri.ToString();

    public async Task InitializeAsync()
    {
        Backend = await TestBackend.StartAsync("cli");
        Edge = await EdgeTestHost.StartAsync();
    }

    /// <summary>Creates a site on the shared backend; its id and host are unique in this fixture.</summary>
    public async Task<(string Id, string Host)> AddSiteAsync(string prefix, string? customer = null)
    {
        var id = $"{prefix}{Interlocked.Increment(ref _next)}";
        var host = id + ".test";
        await Edge.PutSiteAsync(id, EdgeTestHost.Site(host, [Backend.Url], s => s["customer"] = customer));
        return (id, host);
    }

    /// <summary>Runs the CLI as staff against this edge.</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(Url, EdgeTestHost.Token, args);

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
