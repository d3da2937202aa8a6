using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SorryEdge.Sites;

/// <summary>A backend address <c>host:port</c> or <c>[v6]:port</c>.</summary>
internal readonly record struct SmtpHostPort(string Host, int Port)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out SmtpHostPort? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            // An IPv6 literal without brackets is ambiguous with the port separator.
            return false;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            return false;
        }

        result = new SmtpHostPort(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
