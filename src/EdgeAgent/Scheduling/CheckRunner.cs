using EdgeAgent.Evaluation;
using EdgeAgent.History;

namespace EdgeAgent.Scheduling;

/// <summary>Runs a check once: probe under its timeout, apply the outcome, store it. Never throws but for shutdown.</summary>
internal sealed class CheckRunner(HistoryStore history, TimeProvider time, ILogger<CheckRunner> logger)
{
    public async Task<CheckSnapshot> RunAsync(CheckEntry entry, CancellationToken stopping)
    {
        var options = entry.Options;
        ProbeOutcome outcome;
        using (var timeout = new CancellationTokenSource(options.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token))
        {
            try
            {
                outcome = await entry.Probe.RunAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                outcome = ProbeOutcome.Unknown($"timed out after {options.Timeout.TotalSeconds:0.###} s");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.CheckFailedToRun(logger, options.Name, e);
                outcome = ProbeOutcome.Unknown($"could not run: {e.Message}");
            }
        }

        var before = entry.Snapshot;
        var after = entry.Apply(outcome, time.GetUtcNow());
        if (before.Status != after.Status || before.Hard != after.Hard)
        {
            Log.CheckChanged(logger, options.Name, after.Status.ToWire(), after.Hard, after.Flapping, after.Message);
        }

        try
        {
            await history.AddAsync(after, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HistoryWriteFailed(logger, options.Name, e);
        }

        return after;
    }
}
