using Microsoft.Extensions.Options;

namespace SorryEdge.StatusFeed;

/// <summary>Stops the edge at start with messages naming each wrong Edge:StatusSite key.</summary>
internal sealed class StatusSiteOptionsValidator : IValidateOptions<StatusSiteOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusSiteOptions options)
    {
        var errors = new List<string>();
        if (options.Url is not null && !(Uri.TryCreate(options.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            errors.Add($"{StatusSiteOptions.SectionName}:Url must be an absolute http(s) URL.");
        }

        if (options.MaxBackoffMs is < 100 or > 3600000)
        {
            errors.Add($"{StatusSiteOptions.SectionName}:MaxBackoffMs must be 100–3600000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
