using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Sites;

namespace SorryEdge.Health;

/// <summary>
/// Asks each backend's EdgeAgent (<c>GET /health</c>) for its verdict: red drains the backend,
/// orange lowers its weight. An agent that cannot be asked counts as unknown — it never takes a
/// backend down by itself; the probes do that.
/// </summary>
internal sealed partial class AgentPoller(
    SiteCatalog catalog,
    DestinationHealthTracker tracker,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<AgentPoller> logger) : BackgroundService
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.IntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        foreach (var entry in catalog.Sites.Values)
        {
            for (var i = 0; i < entry.Site.Backends.Count; i++)
            {
                if (entry.Site.Backends[i].AgentUrl is { } url)
                {
                    work.Add(PollAsync(entry, entry.DestinationIds[i], url, cancellationToken));
                }
            }
        }

        await Task.WhenAll(work);
    }

    private async Task PollAsync(SiteEntry entry, string destination, string url, CancellationToken cancellationToken)
    {
        // The tracker publishes a changed verdict or weight to the request path itself.
        tracker.RecordAgent(entry, destination, await ReadAsync(url, cancellationToken));
    }

    private async Task<AgentReading> ReadAsync(string url, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Value.TimeoutMs));
            // A red agent answers 503 with its verdict in the body, so the status code is not the verdict.
            using var response = await _client.GetAsync(url, timeout.Token);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var root = json.RootElement;
            var verdict = root.GetProperty("status").GetString() switch
            {
                "green" => AgentVerdict.Green,
                "orange" => AgentVerdict.Orange,
                "red" => AgentVerdict.Red,
                var other => throw new JsonException($"unknown status '{other}'"),
            };
            var weight = root.TryGetProperty("weight", out var w) && w.TryGetInt32(out var value) ? value : verdict == AgentVerdict.Orange ? 50 : 100;
            var reasons = root.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array
                ? string.Join("; ", r.EnumerateArray().Select(x => $"{x.GetProperty("check").GetString()} {x.GetProperty("status").GetString()}"))
                : "";
            return new AgentReading(verdict, weight, now, reasons.Length > 0 ? reasons : verdict.ToString().ToLowerInvariant());
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new AgentReading(AgentVerdict.Unknown, 100, now, "agent unreachable: " + ex.GetType().Name);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An agent polling pass failed; trying again at the next interval")]
    private partial void LogPassFailed(Exception ex);
}
