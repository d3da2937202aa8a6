using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cluster;

/// <summary>A real status site on a free loopback port, and what its ingest API received per component.</summary>
public sealed class StatusSiteProcess : IAsyncDisposable
{
    public const string IngestToken = "ingest-token-0123456789";

    private readonly WebApplication _app;
    private readonly string _data;

    private StatusSiteProcess(WebApplication app, string data, string url)
    {
        _app = app;
        _data = data;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The edge settings that send to it.</summary>
    public Dictionary<string, string?> EdgeSettings => new()
    {
        ["Edge:StatusSite:Url"] = Url,
        ["Edge:StatusSite:Token"] = IngestToken,
        ["Edge:StatusSite:MaxBackoffMs"] = "400",
    };

    public static async Task<StatusSiteProcess> StartAsync()
    {
        var port = FreePort.Next();
        var data = Directory.CreateTempSubdirectory("status-site-").FullName;
        var app = StatusSite.StatusSiteApp.Build([
            $"--Status:DataDirectory={data}", $"--Status:Listen:Http=http://127.0.0.1:{port}",
            $"--Status:Ingest:Tokens:0={IngestToken}", "--Serilog:MinimumLevel:Default=Warning"]);
        await app.StartAsync();
        return new StatusSiteProcess(app, data, $"http://127.0.0.1:{port}");
    }

    /// <summary>Every event the status site took for a component (duplicates it refused are not stored), oldest first: (id, status).</summary>
    public async Task<List<(string Id, string Status)>> ReceivedAsync(string component)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "status.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status FROM ingest_events WHERE component_id = $c ORDER BY received_at, rowid";
        command.Parameters.AddWithValue("$c", component);
        var list = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
