using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;
using EdgeAgent.Probes;

namespace EdgeAgent.Scheduling;

/// <summary>A configured check with its probe and its state; results are applied one at a time.</summary>
internal sealed class CheckEntry(CheckOptions options, ICheckProbe probe, CheckStateMachine state)
{
    private readonly Lock _gate = new();

    public CheckOptions Options { get; } = options;

    public ICheckProbe Probe { get; } = probe;

    public ThresholdEvaluator Thresholds { get; } = ThresholdFactory.Create(options);

    public CheckSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return state.Snapshot;
            }
        }
    }

    public CheckSnapshot Apply(ProbeOutcome outcome, DateTimeOffset now)
    {
        lock (_gate)
        {
            return state.Apply(outcome, now);
        }
    }
}
