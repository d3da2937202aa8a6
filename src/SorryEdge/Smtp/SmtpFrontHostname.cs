using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>The name the front greets with: the configured one, else the machine's.</summary>
internal static class SmtpFrontHostname
{
    public static string Resolve(string configured) =>
        configured.Length > 0 ? configured : SmtpReplyText.Sanitize(Environment.MachineName).Replace(' ', '-');
}
