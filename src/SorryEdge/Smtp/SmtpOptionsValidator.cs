using Microsoft.Extensions.Options;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>Refuses a configuration that would make the front unsafe, naming the bad key.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    private const string Prefix = SmtpOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.MaxCommandLineLength is < 512 or > 65536)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.MaxCommandLineLength)} must be between 512 (RFC 5321) and 65536.");
        }

        if (options.MaxErrors < 1)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.MaxErrors)} must be at least 1.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.IdleTimeout)} must be positive.");
        }

        if (options.MaxConnectionsPerAddress < 1)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.MaxConnectionsPerAddress)} must be at least 1.");
        }

        if (options.MaxConnectionsPerSite < 1)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.MaxConnectionsPerSite)} must be at least 1.");
        }

        if (options.WriteTimeout <= TimeSpan.Zero || options.PassthroughIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.WriteTimeout)} and {Prefix}{nameof(SmtpOptions.PassthroughIdleTimeout)} must be positive.");
        }

        if (options.MaxConnections < options.MaxConnectionsPerAddress)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.MaxConnections)} must be at least {Prefix}{nameof(SmtpOptions.MaxConnectionsPerAddress)}.");
        }

        if (options.CloseLinger < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.CloseLinger)} must not be negative.");
        }

        if (!SmtpReplyText.IsSafe(options.Hostname))
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.Hostname)} must be printable ASCII without spaces.");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultMessage) || SmtpReplyText.Sanitize(options.DefaultMessage) != options.DefaultMessage)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.DefaultMessage)} must be non-empty printable ASCII of at most {SmtpReplyText.MaxLength} characters.");
        }

        foreach (var shared in options.Shared)
        {
            if (!System.Net.IPEndPoint.TryParse(shared ?? "", out _))
            {
                failures.Add($"{Prefix}{nameof(SmtpOptions.Shared)} entry '{shared}' must be ip:port (IPv6 as [::1]:25).");
            }
        }

        if (options.ShutdownGrace < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.ShutdownGrace)} must not be negative.");
        }

        if (options.BackendTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(SmtpOptions.BackendTimeout)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
