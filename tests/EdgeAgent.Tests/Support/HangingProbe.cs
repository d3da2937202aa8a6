using EdgeAgent.Evaluation;
using EdgeAgent.Probes;

namespace EdgeAgent.Tests.Support;

/// <summary>A probe that never answers until cancelled, to exercise the check timeout.</summary>
internal sealed class HangingProbe : ICheckProbe
{
    public async Task<ProbeOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ProbeOutcome.Unknown("unreachable");
    }
}
