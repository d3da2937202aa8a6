using Microsoft.Extensions.Options;

namespace StatusSite.Hosting;

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

        if (Public.Iso.Zone(options.Page.TimeZone) is null)
        {
            errors.Add($"Status:Page:TimeZone must be an IANA time zone such as Etc/UTC or Europe/London, got '{options.Page.TimeZone}'.");
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

        var n = options.Notifications;
        errors.AddRange(n.Smtp.Validate("Status:Notifications:Smtp"));
        if (n.LinkKey is { Length: > 0 and < 16 })
        {
            errors.Add("Status:Notifications:LinkKey must be at least 16 characters.");
        }

        if (n.SubscribePerMinute < 1)
        {
            errors.Add("Status:Notifications:SubscribePerMinute must be at least 1.");
        }

        if (n.WebhookMaxRetrySeconds is < 1 or > 86400 || n.WebhookDisableAfterHours is < 1 or > 720)
        {
            errors.Add("Status:Notifications:WebhookMaxRetrySeconds must be 1–86400 and Status:Notifications:WebhookDisableAfterHours 1–720.");
        }

        for (var i = 0; i < n.StaffAddresses.Length; i++)
        {
            if (!MailOutbox.MailAddressRule.IsValid(n.StaffAddresses[i]))
            {
                errors.Add($"Status:Notifications:StaffAddresses:{i} must be an e-mail address.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
