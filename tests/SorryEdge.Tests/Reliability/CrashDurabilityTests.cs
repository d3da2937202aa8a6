using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Reliability;

/// <summary>
/// An acknowledged write is a durable fact: the real edge process is SIGKILLed in the middle of
/// 200 concurrent mode switches; after restart every switch answered 2xx has its event, its
/// audit row and its status outbox row, and a real status site converges to the state in force.
/// </summary>
[Collection(Serial.Name)]
public sealed class CrashDurabilityTests
{
    private const string IngestToken = "ingest-token-crash-0123456789";
    private const int Sites = 10;
    private const int Switches = 200;

    private sealed record Switch(string Site, string Mode, string Until);

    [Fact]
    public async Task ModeSwitches_EdgeSigkilledMidBurst_EveryAcknowledgedSwitchHasEventAuditAndOutboxRow()
    {
        var data = Directory.CreateTempSubdirectory("sorryedge-crash-").FullName;
        var statusPort = FreePort.Next();
        await using var backend = await TestBackend.StartAsync("crash");
        await using var edge = new EdgeProcess(data, new Dictionary<string, string>
        {
            ["Edge__StatusSite__Url"] = $"http://127.0.0.1:{statusPort}",
            ["Edge__StatusSite__Token"] = IngestToken,
            ["Edge__StatusSite__MaxBackoffMs"] = "400",
        });
        try
        {
            await edge.StartAsync();
            using (var admin = edge.Admin())
            {
                for (var i = 0; i < Sites; i++)
                {
                    using var put = await admin.PutAsJsonAsync($"/api/v1/sites/s{i}", EdgeTestHost.Site($"s{i}.test", [backend.Url],
                        // Probes that a loaded 2-core machine cannot fail: this test is about mode switches, not health.
                        s => s["health"] = new { path = "/health", intervalMs = 1000, timeoutMs = 10000, rise = 1, fall = 20 }));
                    Assert.True(put.IsSuccessStatusCode, $"site s{i}: {(int)put.StatusCode} {edge.Output}");
                }
            }

            // 200 switches at once, each with its own end time so its event can be told apart.
            var start = DateTimeOffset.UtcNow.AddDays(1);
            var switches = Enumerable.Range(0, Switches).Select(i => new Switch($"s{i % Sites}", i % 3 == 0 ? "auto" : "maintenance",
                start.AddSeconds(i).ToString("O", CultureInfo.InvariantCulture))).ToArray();
            var acknowledged = new List<Switch>();
            var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var burst = edge.Admin(TimeSpan.FromSeconds(60));
            var calls = switches.Select(async s =>
            {
                try
                {
                    using var response = await burst.PutAsJsonAsync($"/api/v1/sites/{s.Site}/mode", new { mode = s.Mode, until = s.Until });
                    if (response.IsSuccessStatusCode)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add(s);
                            if (acknowledged.Count == Switches / 5)
                            {
                                killAfter.TrySetResult();
                            }
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // Cut by the kill: not acknowledged, so the edge may or may not have kept it.
                }
                catch (TaskCanceledException)
                {
                }
            }).ToArray();
            await Task.WhenAny(killAfter.Task, Task.WhenAll(calls));
            await edge.KillAsync();
            await Task.WhenAll(calls);
            List<Switch> acked;
            lock (acknowledged)
            {
                acked = [.. acknowledged];
            }

            Assert.True(acked.Count >= Switches / 5, $"only {acked.Count} switches were acknowledged before the kill");

            await edge.StartAsync();
            var db = Path.Combine(data, "edge.db");
            var events = await QueryAsync(db, "SELECT id, site_id, to_state, cause FROM events WHERE kind = 'mode' ORDER BY id",
                r => (Id: r.GetInt64(0), Site: r.GetString(1), To: r.GetString(2), Cause: r.GetString(3)));
            var audit = await QueryAsync(db, "SELECT path FROM audit WHERE method = 'PUT' AND status = 200 AND path LIKE '/api/v1/sites/%/mode'", r => r.GetString(0));
            var outbox = await QueryAsync(db, "SELECT id, event_id, site_id, status FROM status_outbox ORDER BY id",
                r => (Id: r.GetInt64(0), EventId: r.GetInt64(1), Site: r.GetString(2), Status: r.GetString(3)));

            foreach (var s in acked)
            {
                // The event of this very switch: its cause names the switch's own end time.
                var stored = events.Where(e => e.Site == s.Site && e.Cause.Contains(s.Until, StringComparison.Ordinal)).ToList();
                Assert.True(stored.Count == 1, $"switch {s} was answered 2xx but has {stored.Count} events");
                var ev = stored[0];
                Assert.Equal(s.Mode, ev.To);

                // Its outbox row: the latest status queued for the site up to this event is the one it implied.
                var queued = outbox.LastOrDefault(o => o.Site == s.Site && o.EventId <= ev.Id);
                Assert.True(queued.Status == StatusOf(s.Mode), $"switch {s} (event {ev.Id}) was answered 2xx but the outbox said {queued.Status ?? "nothing"} at that point");
            }

            foreach (var group in acked.GroupBy(s => s.Site))
            {
                var rows = audit.Count(p => p == $"/api/v1/sites/{group.Key}/mode");
                Assert.True(rows >= group.Count(), $"site {group.Key}: {group.Count()} switches answered 2xx, {rows} audit rows");
            }

            // The state in force is the last recorded one, and the outbox ends on it (reconciled at start if needed).
            var inForce = new Dictionary<string, string>();
            using (var admin = edge.Admin())
            {
                for (var i = 0; i < Sites; i++)
                {
                    var site = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/sites/s{i}"))!;
                    inForce[$"s{i}"] = (string)site["mode"]!;
                }
            }

            var outboxNow = await QueryAsync(db, "SELECT site_id, status FROM status_outbox ORDER BY id", r => (Site: r.GetString(0), Status: r.GetString(1)));
            foreach (var (site, mode) in inForce)
            {
                var last = events.LastOrDefault(e => e.Site == site);
                Assert.True(last.To is null || last.To == mode, $"site {site} is in {mode} but its last event says {last.To}");
                Assert.Equal(StatusOf(mode), outboxNow.Last(o => o.Site == site).Status);
            }

            await AssertStatusSiteConvergesAsync(statusPort, inForce);
        }
        finally
        {
            await edge.KillAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string StatusOf(string mode) => mode == "auto" ? "operational" : "under_maintenance";

    private static async Task AssertStatusSiteConvergesAsync(int port, Dictionary<string, string> inForce)
    {
        var statusData = Directory.CreateTempSubdirectory("status-site-").FullName;
        var status = StatusSite.StatusSiteApp.Build([
            $"--Status:DataDirectory={statusData}", $"--Status:Listen:Http=http://127.0.0.1:{port}",
            $"--Status:Ingest:Tokens:0={IngestToken}", "--Serilog:MinimumLevel:Default=Warning"]);
        await status.StartAsync();
        try
        {
            // Automatic components stay hidden from the public page until staff publish them (#15):
            // read the component states the status site holds, as its staff see them.
            var db = Path.Combine(statusData, "status.db");
            await Poll.UntilAsync(async () => (await QueryAsync(db, "SELECT id, status FROM components", r => (r.GetString(0), r.GetString(1)))).ToDictionary(c => c.Item1, c => c.Item2),
                shown => inForce.All(s => shown.GetValueOrDefault(s.Key) == StatusOf(s.Value)), TimeSpan.FromSeconds(60), "the status site to show the state in force");
        }
        finally
        {
            await status.StopAsync();
            await status.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(statusData, recursive: true);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(string db, string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
