using MailOutbox;
using Microsoft.Extensions.Options;

namespace StatusSite.Subscribers;

/// <summary>Rejects a bad Status:Notifications at start with a message naming the key.</summary>
internal sealed class StatusNotificationOptionsValidator : IValidateOptions<StatusNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusNotificationOptions options)
    {
        var errors = new List<string>();
        errors.AddRange(options.Smtp.Validate("Status:Notifications:Smtp"));
        if (options.LinkKey is { Length: > 0 and < 16 })
        {
            errors.Add("Status:Notifications:LinkKey must be at least 16 characters.");
        }

        if (options.SubscribePerMinute < 1)
        {
            errors.Add("Status:Notifications:SubscribePerMinute must be at least 1.");
        }

        if (options.WebhookMaxRetrySeconds is < 1 or > 86400 || options.WebhookDisableAfterHours is < 1 or > 720)
        {
            errors.Add("Status:Notifications:WebhookMaxRetrySeconds must be 1–86400 and Status:Notifications:WebhookDisableAfterHours 1–720.");
        }

        for (var i = 0; i < options.StaffAddresses.Length; i++)
        {
            if (!MailAddressRule.IsValid(options.StaffAddresses[i]))
            {
                errors.Add($"Status:Notifications:StaffAddresses:{i} must be an e-mail address.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
