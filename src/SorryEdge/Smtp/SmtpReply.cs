namespace SorryEdge.Smtp;

/// <summary>
/// A complete reply (one or more CRLF-terminated lines), whether the session ends after it,
/// which limit ended it, if one did (the <c>limit</c> label of the metrics), and whether the
/// connection turns to TLS (220 to STARTTLS) or to message content (354 to DATA) after it.
/// </summary>
internal readonly record struct SmtpReply(string Text, bool Close, string? Limit = null, bool StartTls = false, bool Data = false)
{
    public static SmtpReply Line(string text, bool close = false, string? limit = null) => new(text + "\r\n", close, limit);

    /// <summary>Multi-line reply per RFC 5321 §4.2.1: <c>code-</c> on every line but the last.</summary>
    public static SmtpReply Lines(int code, IReadOnlyList<string> lines)
    {
        var text = string.Concat(lines.Select((l, i) => $"{code}{(i == lines.Count - 1 ? ' ' : '-')}{l}\r\n"));
        return new SmtpReply(text, Close: false);
    }

    /// <summary>The three-digit code of the last line, which is the one that counts.</summary>
    public int Code
    {
        get
        {
            var body = Text.AsSpan(0, Text.Length - 2);
            var lastBreak = body.LastIndexOf("\r\n", StringComparison.Ordinal);
            var start = lastBreak < 0 ? 0 : lastBreak + 2;
            return int.Parse(body.Slice(start, 3), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
