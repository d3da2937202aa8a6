using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace LoadProbe;

/// <summary>
/// Cluster row: a mode switch made on one edge until every edge serves it. Sends <c>PUT …/mode</c>
/// to <c>--admin</c> (alternating maintenance and auto) and polls each <c>--urls</c> data plane back
/// to back until it answers 503 / 200; the time is from the PUT until the last edge answered.
/// </summary>
internal static class ClusterSwitchTimer
{
    public static async Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken)
    {
        var admin = args.Get("admin").TrimEnd('/');
        var site = args.Get("site");
        var host = args.Get("host");
        var urls = args.Get("urls").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var count = args.Int("count", 200);
        using var adminClient = ProbeClient.Create(TimeSpan.FromSeconds(30));
        adminClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args.Get("token"));
        using var data = ProbeClient.Create(TimeSpan.FromSeconds(5));
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var (mode, expected) = i % 2 == 0 ? ("maintenance", 503) : ("auto", 200);
            var clock = Stopwatch.StartNew();
            using var content = new StringContent($$"""{"mode":"{{mode}}"}""", Encoding.UTF8, "application/json");
            using var put = await adminClient.PutAsync($"{admin}/api/v1/sites/{site}/mode", content, cancellationToken);
            if (!put.IsSuccessStatusCode)
            {
                Console.WriteLine($"error=switch {i} answered {(int)put.StatusCode}");
                return 1;
            }

            var seen = await Task.WhenAll(urls.Select(async url =>
            {
                while (clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    using var request = ProbeClient.Get(url, host, "*/*");
                    using var response = await data.SendAsync(request, cancellationToken);
                    if ((int)response.StatusCode == expected)
                    {
                        return true;
                    }
                }

                return false;
            }));
            if (seen.Any(s => !s))
            {
                Console.WriteLine($"error=switch {i} not served by every edge within 30 s");
                return 1;
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"switches={samples.Count}"));
        Console.WriteLine(string.Create(culture, $"p50_ms={Percentile(samples, 0.50):F1}"));
        Console.WriteLine(string.Create(culture, $"p99_ms={Percentile(samples, 0.99):F1}"));
        Console.WriteLine(string.Create(culture, $"max_ms={samples[^1]:F1}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
