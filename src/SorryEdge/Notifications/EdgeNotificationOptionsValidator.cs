using Microsoft.Extensions.Options;

namespace SorryEdge.Notifications;

/// <summary>Stops the edge at start with messages naming each wrong Edge:Notifications key.</summary>
internal sealed class EdgeNotificationOptionsValidator : IValidateOptions<EdgeNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeNotificationOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
