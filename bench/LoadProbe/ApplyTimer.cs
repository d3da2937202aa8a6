using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace LoadProbe;

/// <summary>
/// Time to apply a change: from sending <c>PUT …/mode</c> until the data plane answers accordingly
/// (503 for maintenance, 200 when switched back to auto), polling back to back.
/// </summary>
internal static class ApplyTimer
{
    public static async Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken)
    {
        var admin = args.Get("admin").TrimEnd('/');
        var site = args.Get("site");
        var url = args.Get("url");
        var host = args.Get("host");
        using var adminClient = ProbeClient.Create(TimeSpan.FromSeconds(30));
        adminClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args.Get("token"));
        using var data = ProbeClient.Create(TimeSpan.FromSeconds(5));

        var culture = CultureInfo.InvariantCulture;
        foreach (var (mode, expected) in new[] { ("maintenance", 503), ("auto", 200) })
        {
            var clock = Stopwatch.StartNew();
            using var content = new StringContent($$"""{"mode":"{{mode}}"}""", Encoding.UTF8, "application/json");
            using var put = await adminClient.PutAsync($"{admin}/api/v1/sites/{site}/mode", content, cancellationToken);
            var putMs = clock.Elapsed.TotalMilliseconds;
            if (!put.IsSuccessStatusCode)
            {
                Console.WriteLine($"{mode}_error={(int)put.StatusCode}");
                return 1;
            }

            var applied = double.NaN;
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                using var request = ProbeClient.Get(url, host, "*/*");
                using var response = await data.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode == expected)
                {
                    applied = clock.Elapsed.TotalMilliseconds;
                    break;
                }
            }

            Console.WriteLine(string.Create(culture, $"{mode}_put_ms={putMs:F1}"));
            Console.WriteLine(string.Create(culture, $"{mode}_applied_ms={applied:F1}"));
        }

        return 0;
    }
}
