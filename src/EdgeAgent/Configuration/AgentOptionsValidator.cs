using EdgeAgent.Evaluation;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Configuration;

/// <summary>Validates the host settings and every check at start; every message names the bad key.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        const string p = AgentOptions.SectionName;
        if (options.OrangeWeight is < 1 or > 100)
        {
            errors.Add($"{p}:OrangeWeight: {options.OrangeWeight} must be between 1 and 100");
        }

        if (options.OrangeAgentReply is not ("weight" or "drain"))
        {
            errors.Add($"{p}:OrangeAgentReply: '{options.OrangeAgentReply}' must be 'weight' or 'drain'");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{p}:DataDirectory: must not be empty");
        }

        if (options.Checks.Count == 0)
        {
            errors.Add($"{p}:Checks: at least one check is required");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Checks.Count; i++)
        {
            var check = options.Checks[i];
            var key = $"{p}:Checks:{i}";
            if (string.IsNullOrWhiteSpace(check.Name) || !check.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{key}:Name: '{check.Name}' must be letters, digits, '-', '_' or '.'");
            }
            else if (!names.Add(check.Name))
            {
                errors.Add($"{key}:Name: '{check.Name}' is used by another check");
            }

            CheckValidator.Validate(check, key, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
