using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StatusSite;

namespace StatusSite.Tests.Infrastructure;

/// <summary>The real status site on Kestrel at 127.0.0.1:0 with a temp data directory, deleted on dispose.</summary>
internal sealed class StatusSiteHost : IAsyncDisposable
{
    public const string StaffToken = "staff-bootstrap-token-0123456789";
    public const string IngestToken = "ingest-token-abcdefghijklmnop";
    public const string User = "alice";
    public const string Password = "correct horse battery";

    public static readonly string[] WithUser = [$"--Status:Admin:InitialUser={User}", $"--Status:Admin:InitialPassword={Password}"];

    private readonly WebApplication _app;

    private StatusSiteHost(WebApplication app, string dataDirectory, string baseAddress, FakeTimeProvider? time)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Time = time;
        Client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        Staff = new HttpClient { BaseAddress = new Uri(baseAddress) };
        Staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
        Ingest = new HttpClient { BaseAddress = new Uri(baseAddress) };
        Ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestToken);
    }

    public string DataDirectory { get; }

    public string BaseAddress { get; }

    public FakeTimeProvider? Time { get; }

    /// <summary>Anonymous visitor.</summary>
    public HttpClient Client { get; }

    /// <summary>Staff API with the bootstrap token.</summary>
    public HttpClient Staff { get; }

    /// <summary>Ingest API with an ingest-only token.</summary>
    public HttpClient Ingest { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; pass <see cref="WithUser"/> in extraArgs when a test logs in (PBKDF2 is slow on purpose).</summary>
    public static async Task<StatusSiteHost> StartAsync(FakeTimeProvider? time = null, params string[] extraArgs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "statussite-tests-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            $"--Status:DataDirectory={dir}",
            "--Status:Listen:Http=http://127.0.0.1:0",
            $"--Status:Admin:BootstrapToken={StaffToken}",
            $"--Status:Ingest:Tokens:0={IngestToken}",
            "--Status:Page:Url=http://status.example.test",
            "--Serilog:MinimumLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = StatusSiteApp.Build(args, builder =>
        {
            if (time is not null)
            {
                builder.Services.AddSingleton<TimeProvider>(time);
            }
        });
        await app.StartAsync();
        return new StatusSiteHost(app, dir, StatusSiteApp.BoundAddress(app), time);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<string> CreateIncidentAsync(string name, string body, object? components = null, string status = "investigating", string impact = "major")
    {
        var response = await Staff.PostAsJsonAsync("/api/v1/incidents",
            new { name, status, impact, body, components = components ?? new Dictionary<string, string>() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task PutComponentAsync(string id, string name, string status = "operational", string? group = null)
    {
        var response = await Staff.PutAsJsonAsync($"/api/v1/components/{id}", new { name, status, group });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Staff.Dispose();
        Ingest.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
