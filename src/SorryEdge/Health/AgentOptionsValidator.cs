using Microsoft.Extensions.Options;

namespace SorryEdge.Health;

/// <summary>Stops the edge at start with messages naming each wrong Edge:Agents key.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        if (options.IntervalMs is < 100 or > 600000)
        {
            errors.Add($"{AgentOptions.SectionName}:IntervalMs must be 100–600000.");
        }

        if (options.TimeoutMs is < 50 or > 60000)
        {
            errors.Add($"{AgentOptions.SectionName}:TimeoutMs must be 50–60000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
