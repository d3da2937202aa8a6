using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace LoadProbe;

/// <summary>
/// Creates N sites (<c>s00000</c>… with hostname <c>s00000.test</c>) through the admin API, in parallel,
/// giving up on the rest when <c>--budget-s</c> has passed (progress every 1,000 sites on stderr).
/// </summary>
internal static class SiteSeeder
{
    public static async Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken)
    {
        var admin = args.Get("admin").TrimEnd('/');
        var token = args.Get("token");
        var count = args.Int("count", 10000);
        var origin = args.Get("origin");
        var interval = args.Int("interval-ms", 60000);
        using var client = ProbeClient.Create(TimeSpan.FromSeconds(120));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var failures = 0;
        var created = 0;
        var budget = TimeSpan.FromSeconds(args.Int("budget-s", 3600));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = args.Int("parallel", 8), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (clock.Elapsed > budget)
                {
                    return;
                }

                var id = string.Create(CultureInfo.InvariantCulture, $"s{i:D5}");
                var json = $$"""
                    {"hostnames":["{{id}}.test"],"backends":[{"url":"{{origin}}"}],
                     "health":{"path":"/","intervalMs":{{interval}},"timeoutMs":1000,"rise":2,"fall":2},
                     "mode":"auto","action":"sorry","failback":"auto","message":"Site {{id}} is down for maintenance."}
                    """;
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                try
                {
                    using var response = await client.PutAsync($"{admin}/api/v1/sites/{id}", content, ct);
                    if (response.IsSuccessStatusCode)
                    {
                        if (Interlocked.Increment(ref created) % 1000 == 0)
                        {
                            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{created} sites after {clock.Elapsed.TotalSeconds:F1} s"));
                        }

                        return;
                    }

                    Report(id, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Report(id, ex.GetType().Name + " " + ex.Message);
                }
            });
        void Report(string id, string problem)
        {
            if (Interlocked.Increment(ref failures) <= 3)
            {
                Console.Error.WriteLine($"{id}: {problem}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created={created} of={count} failed={failures} seconds={clock.Elapsed.TotalSeconds:F1}"));
        return failures == 0 && created == count ? 0 : 1;
    }
}
