using System.Buffers;

namespace SorryEdge.Smtp;

/// <summary>
/// Takes SMTP command lines from a (possibly multi-segment) buffer, in the manner of Kestrel's
/// HttpParser: no copy, a cap on length, and the caller advances the pipe to what was consumed.
/// </summary>
internal static class SmtpLineReader
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// <summary>
    /// Reads one line. On <see cref="SmtpLineStatus.Line"/> the line is returned without its
    /// terminator and <paramref name="buffer"/> is sliced past it; otherwise it is left alone.
    /// </summary>
    /// <remarks>
    /// RFC 5321 §2.3.8 forbids clients to send a bare LF, but it lets servers decide what to do
    /// with one. The line ends at LF and a CR right before it is dropped, so a bare-LF client
    /// (netcat, a broken script) gets an answer per command instead of two commands glued
    /// together. This responder never accepts message content, so leniency here cannot open
    /// the end-of-data smuggling hole that bare LF causes in a real MTA; the splice path never
    /// parses lines at all. <paramref name="maxLineLength"/> counts the CRLF, as §4.5.3.1.4 does.
    /// </remarks>
    public static SmtpLineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLineLength, out ReadOnlySequence<byte> line)
    {
        line = default;
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out ReadOnlySequence<byte> raw, Lf, advancePastDelimiter: true))
        {
            var content = raw;
            if (content.Length > 0 && LastByte(content) == Cr)
            {
                content = content.Slice(0, content.Length - 1);
            }

            if (content.Length + 2 > maxLineLength)
            {
                return SmtpLineStatus.TooLong;
            }

            line = content;
            buffer = buffer.Slice(reader.Position);
            return SmtpLineStatus.Line;
        }

        // Without a LF the line can only become longer: as soon as it cannot fit any more
        // (content plus CRLF), stop buffering instead of waiting for a terminator. A trailing
        // CR may be the first half of the CRLF, so it does not count as content yet.
        var pending = buffer.Length > 0 && LastByte(buffer) == Cr ? buffer.Length - 1 : buffer.Length;
        return pending + 2 > maxLineLength ? SmtpLineStatus.TooLong : SmtpLineStatus.Incomplete;
    }

    private static byte LastByte(in ReadOnlySequence<byte> sequence)
    {
        var last = sequence.Slice(sequence.Length - 1);
        return last.FirstSpan[0];
    }
}
