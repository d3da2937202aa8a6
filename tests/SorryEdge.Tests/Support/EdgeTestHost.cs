using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Hosting;

namespace SorryEdge.Tests.Support;

/// <summary>
/// The real edge, wired exactly as Program.cs does, on real Kestrel sockets at 127.0.0.1 port 0,
/// with its data in a temp folder that survives <see cref="RestartAsync"/>.
/// </summary>
public sealed class EdgeTestHost : IAsyncDisposable
{
    public const string Token = "test-staff-token-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly bool _ownsData;
    private WebApplication? _app;

    private EdgeTestHost(string dataDirectory, Dictionary<string, string?> settings, TimeProvider? time, bool ownsData)
    {
        DataDirectory = dataDirectory;
        _settings = settings;
        _time = time;
        _ownsData = ownsData;
    }

    public string DataDirectory { get; }

    public Uri DataUri { get; private set; } = null!;

    public Uri AdminUri { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public static async Task<EdgeTestHost> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataDirectory = null)
    {
        var dir = dataDirectory ?? Directory.CreateTempSubdirectory("sorryedge-test-").FullName;
        var host = new EdgeTestHost(dir, settings ?? [], time, dataDirectory is null);
        await host.StartCoreAsync();
        return host;
    }

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["Edge:DataDirectory"] = DataDirectory,
            ["Edge:Listen:Http"] = "http://127.0.0.1:0",
            ["Edge:Listen:Admin"] = "http://127.0.0.1:0",
            ["Edge:Admin:BootstrapToken"] = Token,
            // Every test client is 127.0.0.1; suites that try wrong tokens on purpose must not throttle each other.
            ["Edge:Admin:FailedAuthPerMinute"] = "100000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _settings)
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        if (_time is not null)
        {
            builder.Services.AddSingleton(_time);
        }

        builder.AddSorryEdge();
        var app = builder.Build();
        await app.InitializeSorryEdgeAsync();
        app.MapSorryEdge();
        await app.StartAsync();
        _app = app;
        var endpoints = app.Services.GetRequiredService<EdgeEndpoints>();
        DataUri = new Uri($"http://127.0.0.1:{endpoints.Http!.Port}");
        AdminUri = new Uri($"http://127.0.0.1:{endpoints.Admin!.Port}");
        Admin?.Dispose();
        Admin = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Stops the edge and starts a new one on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartCoreAsync();
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A client for the data plane that sends the given Host header.</summary>
    public HttpClient Client(string host, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = DataUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Host = host;
        return client;
    }

    /// <summary>An admin client that sends another token (or none).</summary>
    public HttpClient AdminAs(string? token)
    {
        var client = new HttpClient { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task CreateCustomerAsync(string id)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/customers", new { id, name = "Customer " + id });
        Assert.True(response.IsSuccessStatusCode, $"customer {id}: {(int)response.StatusCode}");
    }

    /// <summary>Issues a token for a customer (or staff when null) and answers (id, secret).</summary>
    public async Task<(string Id, string Token)> IssueTokenAsync(string? customer)
    {
        using var response = customer is null
            ? await Admin.PostAsJsonAsync("/api/v1/tokens", new { name = "staff" })
            : await Admin.PostAsJsonAsync($"/api/v1/customers/{customer}/tokens", new { name = "t" });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return ((string)json["id"]!, (string)json["token"]!);
    }

    public async Task<JsonObject> PutSiteAsync(string id, object site)
    {
        using var response = await Admin.PutAsJsonAsync($"/api/v1/sites/{id}", site);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT site {id} failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> GetSiteAsync(string id) =>
        JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/sites/{id}"))!.AsObject();

    public async Task SetModeAsync(string id, string mode, DateTimeOffset? until = null)
    {
        using var response = await Admin.PutAsJsonAsync($"/api/v1/sites/{id}/mode", new { mode, until });
        Assert.True(response.IsSuccessStatusCode, $"mode switch failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonArray> EventsAsync(string id) =>
        JsonNode.Parse(await Admin.GetStringAsync($"/api/v1/sites/{id}/events"))!.AsArray();

    public static object Site(string host, params TestBackend[] backends) => Site(host, backends.Select(b => b.Url).ToArray());

    /// <summary>A site with fast probes (200 ms, rise 2, fall 2) so tests run in seconds.</summary>
    public static Dictionary<string, object?> Site(string host, string[] backendUrls, Action<Dictionary<string, object?>>? change = null)
    {
        var site = new Dictionary<string, object?>
        {
            ["hostnames"] = new[] { host },
            ["backends"] = backendUrls.Select(u => new { url = u }).ToArray(),
            ["health"] = new { path = "/health", intervalMs = 200, timeoutMs = 150, rise = 2, fall = 2 },
            ["mode"] = "auto",
            ["action"] = "sorry",
            ["failback"] = "auto",
            ["retryAfterSeconds"] = 30,
            ["connectTimeoutMs"] = 1000,
            ["message"] = "Planned work on " + host,
        };
        change?.Invoke(site);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Admin?.Dispose();
        if (_ownsData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the WAL for a moment; the temp folder is harmless.
            }
        }
    }
}
