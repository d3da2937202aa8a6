using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using SorryEdge.Tests.Smtp;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Notifications;

/// <summary>The real status site on a known loopback port (its mail links must point at it), mailing through smtp-sink.</summary>
internal sealed class StatusSiteUnderTest : IAsyncDisposable
{
    public const string StaffToken = "status-staff-token-0123456789";

    private readonly WebApplication _app;

    private StatusSiteUnderTest(WebApplication app, string dataDirectory, string url)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Url = url;
        Staff = new HttpClient { BaseAddress = new Uri(url) };
        Staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffToken);
    }

    public string DataDirectory { get; }

    public string Url { get; }

    public HttpClient Staff { get; }

    public static async Task<StatusSiteUnderTest> StartAsync(SmtpSinkProcess sink, params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("status-notify-").FullName;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var app = StatusSite.StatusSiteApp.Build([
            $"--Status:DataDirectory={dir}", $"--Status:Listen:Http={url}", $"--Status:Page:Url={url}", "--Status:Page:Name=Hosting status",
            $"--Status:Admin:BootstrapToken={StaffToken}", "--Serilog:MinimumLevel:Default=Warning",
            "--Status:Notifications:Smtp:Host=127.0.0.1", $"--Status:Notifications:Smtp:Port={sink.Port}",
            "--Status:Notifications:Smtp:StartTls=never", "--Status:Notifications:Smtp:From=status@hosting.test",
            "--Status:Notifications:Smtp:MaxRetrySeconds=1", "--Status:Notifications:WebhookMaxRetrySeconds=1", .. extra]);
        await app.StartAsync();
        return new StatusSiteUnderTest(app, dir, url);
    }

    public async Task PutComponentAsync(string id, string name, string status = "operational")
    {
        using var response = await Staff.PutAsJsonAsync($"/api/v1/components/{id}", new { name, status });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> CreateIncidentAsync(string name, string body, string component)
    {
        using var response = await Staff.PostAsJsonAsync("/api/v1/incidents",
            new { name, status = "investigating", impact = "major", body, components = new Dictionary<string, string> { [component] = "major_outage" } });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return (string)json["id"]!;
    }

    /// <summary>A number read straight from status.db (notices not yet fanned out, mail not yet sent).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "status.db")};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until every notice was fanned out and every queued mail was taken by the relay.</summary>
    public Task SettledAsync() => Poll.UntilAsync(
        async () => await CountAsync("SELECT COUNT(*) FROM notices WHERE dispatched_at IS NULL")
            + await CountAsync("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL"),
        n => n == 0, TimeSpan.FromSeconds(30), "notices dispatched and mail sent");

    public async ValueTask DisposeAsync()
    {
        Staff.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
