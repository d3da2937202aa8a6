using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Probes;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Scheduling;

/// <summary>All configured checks in configuration order, and the verdict over them.</summary>
internal sealed class CheckRegistry
{
    private readonly AgentOptions _options;
    private readonly Dictionary<string, CheckEntry> _byName;

    public CheckRegistry(IOptions<AgentOptions> options, ProbeFactory probes, TimeProvider time)
    {
        _options = options.Value;
        var now = time.GetUtcNow();
        Entries = _options.Checks
            .Select(c => new CheckEntry(c, probes.Create(c), new CheckStateMachine(c.Name, c.Kind, ThresholdFactory.Create(c),
                c.MaxAttempts, c.FlapLowThreshold, c.FlapHighThreshold, now)))
            .ToList();
        _byName = Entries.ToDictionary(e => e.Options.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<CheckEntry> Entries { get; }

    public CheckEntry? Find(string name) => _byName.GetValueOrDefault(name);

    public Verdict Verdict() => VerdictAggregator.Aggregate(Entries.Select(e => e.Snapshot), _options.OrangeWeight);
}
