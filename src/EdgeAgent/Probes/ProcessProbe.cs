using System.Globalization;
using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Processes;

namespace EdgeAgent.Probes;

/// <summary>
/// A service's processes found by pid file, systemd unit or name: alive, RSS, CPU %, threads,
/// open descriptors (summed over all matches). The configured metric is the value compared
/// with the thresholds; no process at all is critical.
/// </summary>
internal sealed class ProcessProbe(CheckOptions options, TimeProvider time) : ICheckProbe
{
    private Dictionary<int, long> _previousTicks = [];
    private long _previousTimestamp;

    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var (pids, source) = await LocateAsync(cancellationToken);
        var samples = pids.Select(ProcReader.Read).OfType<ProcessSample>().ToList();
        var now = time.GetTimestamp();
        if (samples.Count == 0)
        {
            _previousTicks = [];
            return new ProbeOutcome(CheckStatus.Critical, Metric == "count" ? 0 : null, Unit, $"no process found by {source}");
        }

        var cpu = CpuPercent(samples, now);
        var rssMb = samples.Sum(s => s.RssKb) / 1024.0;
        var threads = samples.Sum(s => s.Threads);
        var fds = samples.Sum(s => s.OpenFds);
        var value = Metric switch
        {
            "cpu" => Math.Round(cpu, 2),
            "threads" => threads,
            "fds" => fds,
            "count" => samples.Count,
            _ => Math.Round(rssMb, 2),
        };
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{samples.Count} process(es) by {source} (pid {string.Join(',', samples.Select(s => s.Pid))}): rss {rssMb:0.0} MB, cpu {cpu:0.0} %, {threads} threads, {fds} fds");
        return ProbeOutcome.Measured(value, Unit, message);
    }

    private string Metric => options.Metric ?? "rss";

    private string Unit => Metric switch
    {
        "cpu" => "%",
        "rss" => "MB",
        _ => string.Empty,
    };

    private async Task<(IReadOnlyList<int> Pids, string Source)> LocateAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.PidFile))
        {
            return (ProcessLocator.FromPidFile(options.PidFile), $"pid file {options.PidFile}");
        }

        if (!string.IsNullOrWhiteSpace(options.SystemdUnit))
        {
            return (await ProcessLocator.FromSystemdUnitAsync(options.SystemdUnit, cancellationToken), $"unit {options.SystemdUnit}");
        }

        return (ProcessLocator.FromName(options.ProcessName!), $"name {options.ProcessName}");
    }

    /// <summary>
    /// CPU % since the previous run (100 = one core busy); a process seen for the first time
    /// gets its lifetime average so the first result is already meaningful.
    /// </summary>
    private double CpuPercent(List<ProcessSample> samples, long now)
    {
        var elapsed = _previousTimestamp == 0 ? 0 : time.GetElapsedTime(_previousTimestamp, now).TotalSeconds;
        var uptime = ProcReader.UptimeSeconds();
        double total = 0;
        foreach (var s in samples)
        {
            if (elapsed > 0 && _previousTicks.TryGetValue(s.Pid, out var before))
            {
                total += (s.CpuTicks - before) / (double)ClockTicks.PerSecond / elapsed * 100;
                continue;
            }

            var lifetime = uptime - (s.StartTicks / (double)ClockTicks.PerSecond);
            total += lifetime > 0 ? s.CpuTicks / (double)ClockTicks.PerSecond / lifetime * 100 : 0;
        }

        _previousTicks = samples.ToDictionary(s => s.Pid, s => s.CpuTicks);
        _previousTimestamp = now;
        return total;
    }
}
