using Microsoft.Extensions.Options;

namespace StatusSite.Auth;

/// <summary>Rejects a bad Status:Admin at start with a message naming the key.</summary>
internal sealed class StatusAdminOptionsValidator : IValidateOptions<StatusAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusAdminOptions options)
    {
        var errors = new List<string>();
        if (options.BootstrapToken is { Length: > 0 and < 16 })
        {
            errors.Add("Status:Admin:BootstrapToken must be at least 16 characters.");
        }

        if (options.InitialUser is { Length: > 0 } && string.IsNullOrEmpty(options.InitialPassword))
        {
            errors.Add("Status:Admin:InitialPassword must be set when Status:Admin:InitialUser is.");
        }

        if (options.LoginAttemptsPerMinute < 1)
        {
            errors.Add("Status:Admin:LoginAttemptsPerMinute must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
