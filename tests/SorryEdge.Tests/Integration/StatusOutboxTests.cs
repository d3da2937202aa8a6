using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SorryEdge.Data;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Integration;

/// <summary>The edge's changes reach the real status site through the durable outbox.</summary>
[Collection(Serial.Name)]
public sealed class StatusOutboxTests
{
    private const string IngestToken = "ingest-token-0123456789";
    private const string StaffToken = "status-staff-token-0123456789";

    [Fact]
    public async Task Outbox_StatusSiteDownWhileSiteFailsAndRecovers_BothChangesArriveOnceInOrder()
    {
        var port = FreePort.Next();
        await using var backend = await TestBackend.StartAsync("status");
        await using var edge = await EdgeTestHost.StartAsync(new()
        {
            ["Edge:StatusSite:Url"] = $"http://127.0.0.1:{port}",
            ["Edge:StatusSite:Token"] = IngestToken,
            ["Edge:StatusSite:MaxBackoffMs"] = "400",
        });
        await edge.PutSiteAsync("shop", EdgeTestHost.Site("shop.test", backend));
        using var client = edge.Client("shop.test");

        await backend.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/")).StatusCode);
        await backend.StartAsync();
        await Poll.UntilAsync(async () => (await client.GetAsync("/")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "failback");
        // The data plane forwards as soon as the probe says up; the "up" outbox row and the first failed
        // delivery attempt follow on their own loops, so wait for them rather than read once.
        var queued = await Poll.UntilAsync(() => OutboxAsync(edge), rows => rows.Count >= 3 && rows[0].Attempts > 0, TimeSpan.FromSeconds(20),
            "three status changes queued, the first one tried (the status site was down, so delivery must have been tried and failed)");
        Assert.Equal(["operational", "major_outage", "operational"], queued.Select(r => r.Status));
        Assert.All(queued, r => Assert.False(r.Delivered));

        var statusData = Directory.CreateTempSubdirectory("status-site-").FullName;
        var status = StatusSite.StatusSiteApp.Build([
            $"--Status:DataDirectory={statusData}", $"--Status:Listen:Http=http://127.0.0.1:{port}",
            $"--Status:Ingest:Tokens:0={IngestToken}", $"--Status:Admin:BootstrapToken={StaffToken}", "--Serilog:MinimumLevel:Default=Warning"]);
        await status.StartAsync();
        try
        {
            await Poll.UntilAsync(() => OutboxAsync(edge), rows => rows.All(r => r.Delivered), TimeSpan.FromSeconds(20), "the outbox to drain");

            var received = await ReceivedAsync(statusData);
            Assert.Equal(["operational", "major_outage", "operational"], received);
            // A customer's site is not public news: hidden until staff publish its component.
            using var http = new HttpClient();
            Assert.DoesNotContain("\"shop\"", await http.GetStringAsync($"http://127.0.0.1:{port}/api/v2/components.json"));
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StaffToken);
            using var publish = await http.PutAsync($"http://127.0.0.1:{port}/api/v1/components/shop",
                new StringContent("{\"name\":\"Shop\",\"status\":\"operational\",\"hidden\":false}", System.Text.Encoding.UTF8, "application/json"));
            publish.EnsureSuccessStatusCode();
            Assert.Contains("\"shop\"", await http.GetStringAsync($"http://127.0.0.1:{port}/api/v2/components.json"));
        }
        finally
        {
            await status.StopAsync();
            await status.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(statusData, recursive: true);
        }
    }

    private static async Task<List<(string Status, bool Delivered, int Attempts)>> OutboxAsync(EdgeTestHost edge)
    {
        await using var connection = await edge.Services.GetRequiredService<EdgeDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, delivered_at IS NOT NULL, attempts FROM status_outbox WHERE site_id = 'shop' ORDER BY id";
        var rows = new List<(string, bool, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetInt32(2)));
        }

        return rows;
    }

    private static async Task<List<string>> ReceivedAsync(string statusData)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(statusData, "status.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM ingest_events WHERE component_id = 'shop' ORDER BY received_at, rowid";
        var list = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
