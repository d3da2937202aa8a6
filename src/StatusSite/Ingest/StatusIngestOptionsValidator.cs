using Microsoft.Extensions.Options;

namespace StatusSite.Ingest;

/// <summary>Rejects a bad Status:Ingest at start with a message naming the key.</summary>
internal sealed class StatusIngestOptionsValidator : IValidateOptions<StatusIngestOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusIngestOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Tokens.Length; i++)
        {
            if (options.Tokens[i].Length < 16)
            {
                errors.Add($"Status:Ingest:Tokens:{i} must be at least 16 characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
