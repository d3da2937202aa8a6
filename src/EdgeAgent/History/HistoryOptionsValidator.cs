using Microsoft.Extensions.Options;

namespace EdgeAgent.History;

/// <summary>Rejects bad history bounds at start; every message names the key.</summary>
internal sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var errors = new List<string>();
        const string p = HistoryOptions.SectionName;
        if (options.MaxAge <= TimeSpan.Zero)
        {
            errors.Add($"{p}:MaxAge: must be positive");
        }

        if (options.MaxRowsPerCheck < 10)
        {
            errors.Add($"{p}:MaxRowsPerCheck: must be at least 10");
        }

        if (options.PruneInterval <= TimeSpan.Zero)
        {
            errors.Add($"{p}:PruneInterval: must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
