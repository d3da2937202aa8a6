using System.Buffers;
using System.Text;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpLineReaderTests
{
    private static byte[] A(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void TryReadLine_CrlfSplitAcrossSegments_ReadsOneLineWithoutTerminator()
    {
        var buffer = TestSegment.Sequence(A("NO"), A("OP\r"), A("\nQUIT\r\n"));

        var status = SmtpLineReader.TryReadLine(ref buffer, 512, out var line);

        Assert.Equal(SmtpLineStatus.Line, status);
        Assert.Equal("NOOP", Encoding.ASCII.GetString(line.ToArray()));
        Assert.Equal("QUIT\r\n", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Fact]
    public void TryReadLine_SeveralLinesInOneSegment_ReadsThemInOrder()
    {
        var buffer = new ReadOnlySequence<byte>(A("EHLO a\r\nMAIL FROM:<x@y>\r\nRCPT TO:<z@w>\r\n"));
        var lines = new List<string>();

        while (SmtpLineReader.TryReadLine(ref buffer, 512, out var line) == SmtpLineStatus.Line)
        {
            lines.Add(Encoding.ASCII.GetString(line.ToArray()));
        }

        Assert.Equal(["EHLO a", "MAIL FROM:<x@y>", "RCPT TO:<z@w>"], lines);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadLine_NoLineEndYet_IsIncompleteAndLeavesBuffer()
    {
        var buffer = TestSegment.Sequence(A("NO"), A("OP\r"));

        var status = SmtpLineReader.TryReadLine(ref buffer, 512, out _);

        Assert.Equal(SmtpLineStatus.Incomplete, status);
        Assert.Equal(5, buffer.Length);
    }

    [Fact]
    public void TryReadLine_BareLf_EndsTheLine()
    {
        var buffer = TestSegment.Sequence(A("NOOP\nQU"), A("IT\n"));

        Assert.Equal(SmtpLineStatus.Line, SmtpLineReader.TryReadLine(ref buffer, 512, out var first));
        Assert.Equal(SmtpLineStatus.Line, SmtpLineReader.TryReadLine(ref buffer, 512, out var second));

        Assert.Equal("NOOP", Encoding.ASCII.GetString(first.ToArray()));
        Assert.Equal("QUIT", Encoding.ASCII.GetString(second.ToArray()));
    }

    [Fact]
    public void TryReadLine_BareCrInsideLine_StaysInTheLine()
    {
        var buffer = new ReadOnlySequence<byte>(A("NO\rOP\r\n"));

        SmtpLineReader.TryReadLine(ref buffer, 512, out var line);

        Assert.Equal("NO\rOP", Encoding.ASCII.GetString(line.ToArray()));
    }

    [Fact]
    public void TryReadLine_ExactlyAtLimit_IsALine()
    {
        var buffer = new ReadOnlySequence<byte>(A(new string('a', 510) + "\r\n"));

        Assert.Equal(SmtpLineStatus.Line, SmtpLineReader.TryReadLine(ref buffer, 512, out var line));
        Assert.Equal(510, line.Length);
    }

    [Fact]
    public void TryReadLine_OneOverLimitWithTerminator_IsTooLong()
    {
        var buffer = TestSegment.Sequence(A(new string('a', 300)), A(new string('a', 211) + "\r\n"));

        Assert.Equal(SmtpLineStatus.TooLong, SmtpLineReader.TryReadLine(ref buffer, 512, out _));
    }

    [Fact]
    public void TryReadLine_OverLimitWithoutTerminator_IsTooLongBeforeTheLineEnds()
    {
        var buffer = TestSegment.Sequence(A(new string('a', 400)), A(new string('a', 111)));

        Assert.Equal(SmtpLineStatus.TooLong, SmtpLineReader.TryReadLine(ref buffer, 512, out _));
    }

    [Fact]
    public void TryReadLine_JustUnderLimitWithoutTerminator_IsIncomplete()
    {
        var buffer = new ReadOnlySequence<byte>(A(new string('a', 510) + "\r"));

        Assert.Equal(SmtpLineStatus.Incomplete, SmtpLineReader.TryReadLine(ref buffer, 512, out _));
    }

    [Fact]
    public void TryReadLine_NulAndNonAsciiBytes_AreKeptForTheParser()
    {
        byte[] raw = [(byte)'N', 0x00, 0xC3, 0xA9, 0xFF, (byte)'\r', (byte)'\n'];
        var buffer = TestSegment.Sequence(raw[..2], raw[2..]);

        Assert.Equal(SmtpLineStatus.Line, SmtpLineReader.TryReadLine(ref buffer, 512, out var line));
        Assert.Equal(raw[..5], line.ToArray());
    }

    [Fact]
    public void TryReadLine_EmptyLine_IsAnEmptyLine()
    {
        var buffer = new ReadOnlySequence<byte>(A("\r\n"));

        Assert.Equal(SmtpLineStatus.Line, SmtpLineReader.TryReadLine(ref buffer, 512, out var line));
        Assert.True(line.IsEmpty);
    }
}
