using System.Globalization;

namespace EdgeAgent.HostMetrics;

/// <summary>The three load averages of /proc/loadavg.</summary>
internal sealed record LoadAverage(double Load1, double Load5, double Load15)
{
    public static LoadAverage Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            throw new FormatException($"unexpected /proc/loadavg content '{text.Trim()}'");
        }

        return new LoadAverage(Number(parts[0]), Number(parts[1]), Number(parts[2]));
    }

    public static async Task<LoadAverage> ReadAsync(CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync("/proc/loadavg", cancellationToken));

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
