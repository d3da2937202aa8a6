using Microsoft.Extensions.Options;

namespace SorryEdge.Pages;

/// <summary>Stops the edge at start with messages naming each wrong Edge:Uploads key.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var errors = new List<string>();
        void Positive(long value, string key)
        {
            if (value <= 0)
            {
                errors.Add($"{UploadOptions.SectionName}:{key} must be positive.");
            }
        }

        Positive(options.MaxUploadBytes, nameof(options.MaxUploadBytes));
        Positive(options.MaxFiles, nameof(options.MaxFiles));
        Positive(options.MaxUnpackedBytes, nameof(options.MaxUnpackedBytes));
        Positive(options.KeepVersions, nameof(options.KeepVersions));
        if (options.MaxCompressionRatio <= 1)
        {
            errors.Add($"{UploadOptions.SectionName}:MaxCompressionRatio must be above 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
