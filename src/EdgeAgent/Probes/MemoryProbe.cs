using System.Globalization;
using EdgeAgent.Evaluation;
using EdgeAgent.HostMetrics;

namespace EdgeAgent.Probes;

/// <summary>Memory available (MemAvailable, percent of MemTotal) or swap used, from /proc/meminfo.</summary>
internal sealed class MemoryProbe(bool swap) : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var info = await MemInfo.ReadAsync(cancellationToken);
        if (swap)
        {
            var usedMb = (info.SwapTotalKb - info.SwapFreeKb) / 1024;
            return ProbeOutcome.Measured(Math.Round(info.SwapUsedPercent, 2), "%", info.SwapTotalKb == 0
                ? "no swap configured"
                : string.Create(CultureInfo.InvariantCulture, $"swap used {usedMb} MB of {info.SwapTotalKb / 1024} MB"));
        }

        return ProbeOutcome.Measured(Math.Round(info.AvailablePercent, 2), "%", string.Create(CultureInfo.InvariantCulture,
            $"{info.AvailableKb / 1024} MB available of {info.TotalKb / 1024} MB"));
    }
}
