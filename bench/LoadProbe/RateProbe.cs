using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LoadProbe;

/// <summary>
/// Open-loop load at a fixed rate: request i is sent at start + i/rate whatever happened to the
/// earlier ones, so a stalled proxy shows up as latency and failures instead of a lower rate.
/// Each answer is classified: origin (200 with the origin's marker), sorry (the sorry marker), fail.
/// </summary>
internal static class RateProbe
{
    public static async Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken)
    {
        var url = args.Get("url");
        var host = args.Optional("host");
        var rate = args.Double("rate");
        var seconds = args.Double("seconds");
        var output = args.Get("out");
        var originMarker = args.Optional("origin-marker") ?? "ORIGIN-OK";
        var sorryMarker = args.Optional("sorry-marker") ?? "SORRY-PAGE";
        var accept = args.Optional("accept") ?? "text/html";
        using var client = ProbeClient.Create(TimeSpan.FromSeconds(args.Int("timeout-s", 5)));

        var records = new ConcurrentBag<ProbeRecord>();
        var count = (int)(rate * seconds);
        var clock = Stopwatch.StartNew();
        var startEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            inFlight.Add(SendOneAsync(client, url, host, accept, originMarker, sorryMarker, startEpoch, clock, records));
        }

        await Task.WhenAll(inFlight);
        await using var writer = new StreamWriter(output);
        foreach (var r in records.OrderBy(r => r.SentMs))
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.SentMs:F1} {r.Status} {r.Kind} {r.LatencyMs:F2} {r.Detail}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent={records.Count} seconds={clock.Elapsed.TotalSeconds:F1}"));
        return 0;
    }

    private static async Task SendOneAsync(HttpClient client, string url, string? host, string accept, string originMarker,
        string sorryMarker, long startEpoch, Stopwatch clock, ConcurrentBag<ProbeRecord> records)
    {
        var sent = clock.Elapsed.TotalMilliseconds;
        try
        {
            using var request = ProbeClient.Get(url, host, accept);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var kind = status == 200 && body.Contains(originMarker, StringComparison.Ordinal) ? "origin"
                : body.Contains(sorryMarker, StringComparison.Ordinal) ? "sorry"
                : "fail";
            records.Add(new ProbeRecord(startEpoch + sent, status, kind, clock.Elapsed.TotalMilliseconds - sent, "-"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            records.Add(new ProbeRecord(startEpoch + sent, 0, "fail", clock.Elapsed.TotalMilliseconds - sent, ex.GetType().Name));
        }
    }
}
