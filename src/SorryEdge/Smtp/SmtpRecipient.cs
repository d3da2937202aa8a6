using System.Diagnostics.CodeAnalysis;

namespace SorryEdge.Smtp;

/// <summary>Takes the recipient's domain out of a RCPT argument (<c>TO:&lt;user@domain&gt; params</c>, RFC 5321 §4.1.2).</summary>
internal static class SmtpRecipient
{
    public static bool TryParse(string argument, [NotNullWhen(true)] out string? address, [NotNullWhen(true)] out string? domain)
    {
        address = null;
        domain = null;
        if (!argument.StartsWith("TO:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = argument[3..].TrimStart();
        if (path.StartsWith('<'))
        {
            var close = path.IndexOf('>');
            if (close < 0)
            {
                return false;
            }

            path = path[1..close];
        }
        else
        {
            var space = path.IndexOf(' ');
            path = space < 0 ? path : path[..space];
        }

        // A source route (<@relay1,@relay2:user@domain>) is ignored, as §C allows.
        var colon = path.StartsWith('@') ? path.IndexOf(':') : -1;
        var mailbox = colon < 0 ? path : path[(colon + 1)..];
        var at = mailbox.LastIndexOf('@');
        if (at <= 0 || at == mailbox.Length - 1)
        {
            return false;
        }

        address = mailbox;
        domain = mailbox[(at + 1)..].TrimEnd('.').ToLowerInvariant();
        return domain.Length > 0;
    }
}
