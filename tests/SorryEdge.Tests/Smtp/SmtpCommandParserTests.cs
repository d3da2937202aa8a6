using System.Text;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpCommandParserTests
{
    [Theory]
    [InlineData("EHLO mx.example", "Ehlo", "mx.example")]
    [InlineData("helo mx.example", "Helo", "mx.example")]
    [InlineData("MAIL FROM:<a@b.test> SIZE=100 BODY=8BITMIME", "Mail", "FROM:<a@b.test> SIZE=100 BODY=8BITMIME")]
    [InlineData("rcpt to:<x@y.test>", "Rcpt", "to:<x@y.test>")]
    [InlineData("DATA", "Data", "")]
    [InlineData("RSET", "Rset", "")]
    [InlineData("NOOP  ", "Noop", "")]
    [InlineData("QUIT", "Quit", "")]
    [InlineData("VRFY postmaster", "Vrfy", "postmaster")]
    [InlineData("EXPN list", "Expn", "list")]
    [InlineData("HELP", "Help", "")]
    [InlineData("STARTTLS", "StartTls", "")]
    [InlineData("AUTH PLAIN AAAA", "NotImplemented", "PLAIN AAAA")]
    [InlineData("BDAT 100 LAST", "NotImplemented", "100 LAST")]
    [InlineData("XYZZY", "Unknown", "")]
    [InlineData("", "Unknown", "")]
    [InlineData(" NOOP", "Unknown", "")]
    [InlineData("NO0P", "Unknown", "")]
    [InlineData("GET / HTTP/1.1", "Unknown", "/ HTTP/1.1")]
    public void Parse_AsciiLine_GivesVerbAndArgument(string line, string verbName, string argument)
    {
        var verb = Enum.Parse<SmtpVerb>(verbName);
        var command = SmtpCommandParser.Parse(Encoding.ASCII.GetBytes(line));

        Assert.Equal(verb, command.Verb);
        if (verb != SmtpVerb.Unknown || argument.Length > 0)
        {
            Assert.Equal(argument, command.Argument);
        }
    }

    [Fact]
    public void Parse_Utf8Address_KeepsItForSmtpUtf8()
    {
        var command = SmtpCommandParser.Parse(Encoding.UTF8.GetBytes("RCPT TO:<jörg@bücher.test>"));

        Assert.Equal(SmtpVerb.Rcpt, command.Verb);
        Assert.Equal("TO:<jörg@bücher.test>", command.Argument);
    }

    [Fact]
    public void Parse_InvalidUtf8Argument_IsInvalid()
    {
        byte[] line = [.. "MAIL FROM:<"u8, 0xFF, 0xFE, (byte)'>'];

        Assert.Equal(SmtpVerb.Invalid, SmtpCommandParser.Parse(line).Verb);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'N', (byte)'O', 0x00, (byte)'P' })]
    [InlineData(new byte[] { (byte)'N', (byte)'O', (byte)'O', (byte)'P', (byte)' ', 0x1B })]
    [InlineData(new byte[] { (byte)'N', (byte)'O', (byte)'\r', (byte)'P' })]
    [InlineData(new byte[] { 0x7F })]
    public void Parse_ControlCharacters_IsInvalid(byte[] line)
    {
        Assert.Equal(SmtpVerb.Invalid, SmtpCommandParser.Parse(line).Verb);
    }

    [Fact]
    public void Parse_NonAsciiVerb_IsUnknown()
    {
        Assert.Equal(SmtpVerb.Unknown, SmtpCommandParser.Parse(Encoding.UTF8.GetBytes("NÖÖP")).Verb);
    }

    [Fact]
    public void Parse_MultiSegmentSequence_SameAsFlat()
    {
        var sequence = TestSegment.Sequence("MAIL FR"u8.ToArray(), "OM:<a@b>"u8.ToArray());

        var command = SmtpCommandParser.Parse(sequence);

        Assert.Equal(new SmtpCommand(SmtpVerb.Mail, "MAIL", "FROM:<a@b>"), command);
    }
}
