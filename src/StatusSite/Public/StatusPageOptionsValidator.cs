using Microsoft.Extensions.Options;

namespace StatusSite.Public;

/// <summary>Rejects a bad Status:Page at start with a message naming the key.</summary>
internal sealed class StatusPageOptionsValidator : IValidateOptions<StatusPageOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusPageOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out _))
        {
            errors.Add($"Status:Page:Url must be an absolute URL, got '{options.Url}'.");
        }

        if (Iso.Zone(options.TimeZone) is null)
        {
            errors.Add($"Status:Page:TimeZone must be an IANA time zone such as Etc/UTC or Europe/London, got '{options.TimeZone}'.");
        }

        if (options.MaxAgeSeconds is < 0 or > 3600)
        {
            errors.Add("Status:Page:MaxAgeSeconds must be between 0 and 3600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
