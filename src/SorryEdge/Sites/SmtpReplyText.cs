namespace SorryEdge.Sites;

/// <summary>Keeps operator-supplied text safe inside a reply line: no CR/LF injection, no non-ASCII (RFC 5321 §4.2 replies are ASCII).</summary>
internal static class SmtpReplyText
{
    public const int MaxLength = 400;

    public static string Sanitize(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray();
        var clean = new string(chars).Trim();
        return clean.Length > MaxLength ? clean[..MaxLength] : clean;
    }

    /// <summary>The text after <c>4.3.2</c> for a site: its own message, else <c>Edge:Smtp:DefaultMessage</c>.</summary>
    public static string DeferText(SmtpSettings settings, string defaultMessage)
    {
        var own = Sanitize(settings.Message ?? "");
        return own.Length > 0 ? own : defaultMessage;
    }

    /// <summary>True when the text is empty or a single printable ASCII token (a host name).</summary>
    public static bool IsSafe(string token) => token.All(c => c is > ' ' and <= '~');
}
