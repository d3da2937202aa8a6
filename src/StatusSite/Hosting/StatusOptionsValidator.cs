using Microsoft.Extensions.Options;

namespace StatusSite.Hosting;

/// <summary>Rejects a bad root configuration at start with a message naming the key.</summary>
internal sealed class StatusOptionsValidator : IValidateOptions<StatusOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Status:DataDirectory must not be empty.");
        }

        if (!Uri.TryCreate(options.Listen.Http, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add($"Status:Listen:Http must be an http:// URL, got '{options.Listen.Http}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
