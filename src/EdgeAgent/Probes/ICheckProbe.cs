using EdgeAgent.Evaluation;

namespace EdgeAgent.Probes;

/// <summary>Runs one measurement. Throwing or timing out makes the check "unknown", never ok.</summary>
internal interface ICheckProbe
{
    Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken);
}
