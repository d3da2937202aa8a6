using Microsoft.Extensions.Options;

namespace StatusSite.Options;

/// <summary>Rejects a bad configuration at start with a message naming the key.</summary>
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

        if (!Uri.TryCreate(options.Page.Url, UriKind.Absolute, out _))
        {
            errors.Add($"Status:Page:Url must be an absolute URL, got '{options.Page.Url}'.");
        }

        if (options.Page.MaxAgeSeconds is < 0 or > 3600)
        {
            errors.Add("Status:Page:MaxAgeSeconds must be between 0 and 3600.");
        }

        if (options.Admin.BootstrapToken is { Length: > 0 and < 16 })
        {
            errors.Add("Status:Admin:BootstrapToken must be at least 16 characters.");
        }

        if (options.Admin.InitialUser is { Length: > 0 } && string.IsNullOrEmpty(options.Admin.InitialPassword))
        {
            errors.Add("Status:Admin:InitialPassword must be set when Status:Admin:InitialUser is.");
        }

        if (options.Admin.LoginAttemptsPerMinute < 1)
        {
            errors.Add("Status:Admin:LoginAttemptsPerMinute must be at least 1.");
        }

        for (var i = 0; i < options.Ingest.Tokens.Length; i++)
        {
            if (options.Ingest.Tokens[i].Length < 16)
            {
                errors.Add($"Status:Ingest:Tokens:{i} must be at least 16 characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
