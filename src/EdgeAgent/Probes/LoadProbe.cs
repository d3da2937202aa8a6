using System.Globalization;
using EdgeAgent.Evaluation;
using EdgeAgent.HostMetrics;

namespace EdgeAgent.Probes;

/// <summary>Load average from /proc/loadavg, per core unless configured otherwise.</summary>
internal sealed class LoadProbe(string metric, bool perCore) : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var load = await LoadAverage.ReadAsync(cancellationToken);
        var raw = metric switch
        {
            "load1" => load.Load1,
            "load15" => load.Load15,
            _ => load.Load5,
        };
        var cores = Environment.ProcessorCount;
        var value = perCore ? raw / cores : raw;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"load average {load.Load1:0.00} {load.Load5:0.00} {load.Load15:0.00} on {cores} cores");
        return ProbeOutcome.Measured(Math.Round(value, 3), perCore ? "per core" : string.Empty, message);
    }
}
