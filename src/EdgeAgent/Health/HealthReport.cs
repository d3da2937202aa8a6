using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Scheduling;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Health;

/// <summary>Builds the /health document from the registry.</summary>
internal sealed class HealthReport(CheckRegistry registry, IOptions<AgentOptions> options, TimeProvider time)
{
    public string HostName { get; } = string.IsNullOrWhiteSpace(options.Value.HostName)
        ? Environment.MachineName
        : options.Value.HostName;

    public HealthResponse Build()
    {
        var verdict = registry.Verdict();
        var checks = registry.Entries.Select(e => e.Snapshot).ToList();
        return new HealthResponse(
            verdict.Wire,
            verdict.Weight,
            time.GetUtcNow(),
            HostName,
            verdict.Reasons.Select(r => new HealthReason(r.Name, r.Counted.ToWire(), r.Value, r.Message, r.Since)).ToList(),
            checks.Select(c => new HealthCheck(c.Name, c.Kind, c.Status.ToWire(), c.Hard, c.Flapping, c.Value, c.Unit,
                c.Message, c.Since, c.LastRun)).ToList());
    }
}
