using System.Buffers;
using System.Text;

namespace SorryEdge.Smtp;

/// <summary>Turns a command line (without CRLF) into a <see cref="SmtpCommand"/>; never throws on hostile input.</summary>
internal static class SmtpCommandParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, SmtpVerb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HELO"] = SmtpVerb.Helo,
        ["EHLO"] = SmtpVerb.Ehlo,
        ["MAIL"] = SmtpVerb.Mail,
        ["RCPT"] = SmtpVerb.Rcpt,
        ["DATA"] = SmtpVerb.Data,
        ["RSET"] = SmtpVerb.Rset,
        ["NOOP"] = SmtpVerb.Noop,
        ["QUIT"] = SmtpVerb.Quit,
        ["VRFY"] = SmtpVerb.Vrfy,
        ["EXPN"] = SmtpVerb.Expn,
        ["HELP"] = SmtpVerb.Help,
        ["STARTTLS"] = SmtpVerb.StartTls,
        ["AUTH"] = SmtpVerb.NotImplemented,
        ["BDAT"] = SmtpVerb.NotImplemented,
        ["ETRN"] = SmtpVerb.NotImplemented,
        ["TURN"] = SmtpVerb.NotImplemented,
        ["ATRN"] = SmtpVerb.NotImplemented,
    };

    public static SmtpCommand Parse(in ReadOnlySequence<byte> line)
    {
        // Lines are capped by the reader (64 KiB at most), so one flat copy is cheap and bounded.
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        return Parse(bytes);
    }

    public static SmtpCommand Parse(ReadOnlySpan<byte> line)
    {
        // Control characters (NUL, bare CR, ESC …) have no place in a command line (RFC 5321 §2.3.8, §4.1.2).
        foreach (var b in line)
        {
            if (b < 0x20 && b != (byte)'\t' || b == 0x7F)
            {
                return new SmtpCommand(SmtpVerb.Invalid, "", "");
            }
        }

        var space = line.IndexOf((byte)' ');
        var verbBytes = space < 0 ? line : line[..space];
        var argBytes = space < 0 ? [] : line[(space + 1)..];

        // Verbs are ASCII letters only; anything else (binary, UTF-8) is simply unrecognised.
        if (verbBytes.Length is 0 or > 16 || !IsAsciiLetters(verbBytes))
        {
            return new SmtpCommand(SmtpVerb.Unknown, "", "");
        }

        var name = Encoding.ASCII.GetString(verbBytes).ToUpperInvariant();
        string argument;
        try
        {
            // Arguments may be UTF-8 (RFC 6531 SMTPUTF8 addresses); invalid UTF-8 is refused.
            argument = StrictUtf8.GetString(argBytes).Trim(' ', '\t');
        }
        catch (DecoderFallbackException)
        {
            return new SmtpCommand(SmtpVerb.Invalid, name, "");
        }

        return new SmtpCommand(Verbs.GetValueOrDefault(name, SmtpVerb.Unknown), name, argument);
    }

    private static bool IsAsciiLetters(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
