using System.Globalization;

namespace EdgeAgent.HostMetrics;

/// <summary>The fields of /proc/meminfo the checks use, in kB.</summary>
internal sealed record MemInfo(long TotalKb, long AvailableKb, long SwapTotalKb, long SwapFreeKb)
{
    public double AvailablePercent => TotalKb == 0 ? 0 : AvailableKb * 100.0 / TotalKb;

    public double SwapUsedPercent => SwapTotalKb == 0 ? 0 : (SwapTotalKb - SwapFreeKb) * 100.0 / SwapTotalKb;

    public static MemInfo Parse(string text)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var number = line[(colon + 1)..].Trim().Split(' ')[0];
            if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                fields[line[..colon]] = kb;
            }
        }

        if (!fields.TryGetValue("MemTotal", out var total) || !fields.TryGetValue("MemAvailable", out var available))
        {
            throw new FormatException("/proc/meminfo lacks MemTotal or MemAvailable");
        }

        return new MemInfo(total, available, fields.GetValueOrDefault("SwapTotal"), fields.GetValueOrDefault("SwapFree"));
    }

    public static async Task<MemInfo> ReadAsync(CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync("/proc/meminfo", cancellationToken));
}
