using EdgeAgent.Evaluation;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Configuration;

/// <summary>Validates the whole configuration at start; every message names the bad key.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        const string p = AgentOptions.SectionName;
        if (!ListenAddress.TryParseHttp(options.Listen.Http, out _))
        {
            errors.Add($"{p}:Listen:Http: '{options.Listen.Http}' is not an http://IP:port address");
        }

        if (!ListenAddress.TryParseTcp(options.Listen.AgentCheck, out _))
        {
            errors.Add($"{p}:Listen:AgentCheck: '{options.Listen.AgentCheck}' is not an IP:port address");
        }

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

        if (options.History.MaxAge <= TimeSpan.Zero)
        {
            errors.Add($"{p}:History:MaxAge: must be positive");
        }

        if (options.History.MaxRowsPerCheck < 10)
        {
            errors.Add($"{p}:History:MaxRowsPerCheck: must be at least 10");
        }

        if (options.History.PruneInterval <= TimeSpan.Zero)
        {
            errors.Add($"{p}:History:PruneInterval: must be positive");
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
