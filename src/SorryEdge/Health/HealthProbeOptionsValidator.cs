using Microsoft.Extensions.Options;

namespace SorryEdge.Health;

/// <summary>Stops the edge at start with a message naming a wrong Edge:HealthProbes key.</summary>
internal sealed class HealthProbeOptionsValidator : IValidateOptions<HealthProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthProbeOptions options) =>
        options.MaxConcurrent is >= 1 and <= 10000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HealthProbeOptions.SectionName}:MaxConcurrent must be 1–10000.");
}
