using EdgeAgent.Configuration;
using EdgeAgent.Evaluation;

namespace EdgeAgent.Scheduling;

/// <summary>Builds a check's threshold evaluator from its (already validated) options.</summary>
internal static class ThresholdFactory
{
    public static ThresholdEvaluator Create(CheckOptions options) => new(
        options.Warning is null ? null : NagiosRange.Parse(options.Warning),
        options.Critical is null ? null : NagiosRange.Parse(options.Critical),
        options.Hysteresis);
}
