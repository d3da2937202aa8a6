using System.Text;
using System.Text.RegularExpressions;
using SorryEdge.Sites;
using SorryEdge.Smtp;

namespace SorryEdge.Tests.Smtp;

public sealed partial class TempFailSessionTests
{
    private const string Message = "Mailbox host in maintenance, try later";

    private static readonly TempFailSessionState[] CommandStates =
        [TempFailSessionState.Connected, TempFailSessionState.Ready, TempFailSessionState.Mail];

    /// <summary>Command line, expected reply code, expected state after (null = unchanged; Ready* = Ready unless it was Connected).</summary>
    private static readonly (string Line, int Code, string? After)[] Commands =
    [
        ("EHLO client.test", 250, "Ready"),
        ("EHLO", 501, null),
        ("HELO client.test", 250, "Ready"),
        ("HELO", 501, null),
        ("MAIL FROM:<a@b.test> SIZE=999999999999 BODY=8BITMIME SMTPUTF8", 250, "Mail"),
        ("MAIL FROM:<>", 250, "Mail"),
        ("MAIL garbage", 501, null),
        ("RCPT TO:<x@y.test>", 451, null),
        ("RCPT nonsense", 451, null),
        ("DATA", 503, null),
        ("RSET", 250, "Ready*"),
        ("NOOP", 250, null),
        ("QUIT", 221, "Closed"),
        ("VRFY postmaster", 252, null),
        ("VRFY", 501, null),
        ("EXPN staff", 502, null),
        ("HELP", 214, null),
        ("STARTTLS", 502, null),
        ("AUTH PLAIN AGEAYg==", 502, null),
        ("BDAT 10 LAST", 502, null),
        ("XYZZY", 500, null),
        ("NO\0OP", 500, null),
    ];

    public static TheoryData<string, string, int, string?> EveryCommandInEveryState()
    {
        var data = new TheoryData<string, string, int, string?>();
        foreach (var state in CommandStates)
        {
            foreach (var (line, code, after) in Commands)
            {
                data.Add(state.ToString(), line, code, after);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommandInEveryState))]
    public void Handle_EveryCommandInEveryState_AnswersPerRfc5321(string stateName, string line, int code, string? after)
    {
        var state = Enum.Parse<TempFailSessionState>(stateName);
        var session = SessionIn(state);

        var reply = session.Handle(Parse(line));

        Assert.Equal(code, reply.Code);
        Assert.EndsWith("\r\n", reply.Text);
        var expected = after switch
        {
            null => state,
            "Ready*" => state == TempFailSessionState.Connected ? TempFailSessionState.Connected : TempFailSessionState.Ready,
            _ => Enum.Parse<TempFailSessionState>(after),
        };
        Assert.Equal(expected, session.State);
        Assert.Equal(code == 221, reply.Close);
    }

    [Theory]
    [MemberData(nameof(EveryCommandInEveryState))]
    public void Handle_EveryCommandInEveryState_CarriesEnhancedStatusCode(string stateName, string line, int code, string? after)
    {
        _ = after;
        var reply = SessionIn(Enum.Parse<TempFailSessionState>(stateName)).Handle(Parse(line));

        // RFC 2034 §4: every reply but the greeting, EHLO/HELO and HELP text carries class.subject.detail.
        if (code != 214 && !line.StartsWith("EHLO ", StringComparison.Ordinal) && !line.StartsWith("HELO ", StringComparison.Ordinal))
        {
            Assert.Matches(EnhancedCode(), reply.Text);
            Assert.Equal(reply.Text[0], reply.Text[4]);
        }
    }

    [Fact]
    public void Handle_MessageDecidingCommands_NeverAnswer5xx()
    {
        string[] lines = ["EHLO a.test", "HELO a.test", "MAIL FROM:<a@b.test> SIZE=99999999999", "MAIL FROM:<weird param=>", "RCPT TO:<x@y.test>", "RCPT TO:<>", "MAIL FROM:<a@b.test>"];
        foreach (var state in CommandStates)
        {
            foreach (var line in lines)
            {
                var reply = SessionIn(state).Handle(Parse(line));
                Assert.True(reply.Code < 500, $"{line} in {state} answered {reply.Text}");
            }
        }
    }

    [Fact]
    public void Handle_Rcpt_Answers451WithSiteMessage()
    {
        var reply = SessionIn(TempFailSessionState.Mail).Handle(Parse("RCPT TO:<x@y.test>"));

        Assert.Equal($"451 4.3.2 {Message}\r\n", reply.Text);
    }

    [Fact]
    public void Handle_DataAfterDeferredRecipients_Is503NoValidRecipients()
    {
        var session = SessionIn(TempFailSessionState.Mail);
        session.Handle(Parse("RCPT TO:<x@y.test>"));

        var reply = session.Handle(Parse("DATA"));

        Assert.Equal("503 5.5.1 No valid recipients\r\n", reply.Text);
        Assert.Equal(0, session.Errors);
    }

    [Fact]
    public void Handle_Ehlo_AdvertisesKeywordsAsMultilineReply()
    {
        var reply = SessionIn(TempFailSessionState.Connected).Handle(Parse("EHLO client.test"));

        Assert.Equal("250-edge.test\r\n250-PIPELINING\r\n250-SIZE\r\n250-8BITMIME\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n", reply.Text);
        Assert.DoesNotContain("STARTTLS", reply.Text);
    }

    [Fact]
    public void Start_DeferAtGreeting_Is421AndCloses()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Greeting, Message, 10);

        var reply = session.Start();

        Assert.Equal($"421 4.3.2 edge.test {Message}\r\n", reply.Text);
        Assert.True(reply.Close);
        Assert.Equal(TempFailSessionState.Closed, session.State);
        Assert.Throws<InvalidOperationException>(() => session.Handle(Parse("NOOP")));
    }

    [Fact]
    public void Start_DeferAtRcpt_Is220Banner()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 10);

        var reply = session.Start();

        Assert.Equal("220 edge.test ESMTP\r\n", reply.Text);
        Assert.False(reply.Close);
        Assert.Throws<InvalidOperationException>(() => session.Start());
    }

    [Fact]
    public void Handle_BeforeStart_Throws()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 10);

        Assert.Throws<InvalidOperationException>(() => session.Handle(Parse("NOOP")));
    }

    [Fact]
    public void Handle_ErrorsUpToLimit_LastOneIs421()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 3);
        session.Start();

        var replies = Enumerable.Range(0, 3).Select(_ => session.Handle(Parse("XYZZY"))).ToList();

        Assert.Equal([500, 500, 421], replies.Select(r => r.Code));
        Assert.Equal("errors", replies[2].Limit);
        Assert.True(replies[2].Close);
        Assert.Equal(TempFailSessionState.Closed, session.State);
    }

    [Fact]
    public void Constructor_MessageWithCrLf_CannotInjectAReplyLine()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Greeting, "down\r\n250 2.0.0 Ok", 10);

        var reply = session.Start();

        Assert.Single(reply.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("421 4.3.2 edge.test down", reply.Text);
    }

    [Fact]
    public void LimitReplies_AllAre421AndClose()
    {
        var line = SessionIn(TempFailSessionState.Ready).LineTooLong();
        var idle = SessionIn(TempFailSessionState.Mail).IdleTimeout();

        Assert.StartsWith("421 4.7.0 ", line.Text);
        Assert.Equal("line", line.Limit);
        Assert.StartsWith("421 4.4.2 ", idle.Text);
        Assert.Equal("idle", idle.Limit);
        Assert.True(line.Close && idle.Close);
    }

    private static TempFailSession SessionIn(TempFailSessionState state)
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 100);
        session.Start();
        if (state is TempFailSessionState.Ready or TempFailSessionState.Mail)
        {
            session.Handle(Parse("EHLO client.test"));
        }

        if (state == TempFailSessionState.Mail)
        {
            session.Handle(Parse("MAIL FROM:<a@b.test>"));
        }

        Assert.Equal(state, session.State);
        return session;
    }

    private static SmtpCommand Parse(string line) => SmtpCommandParser.Parse(Encoding.UTF8.GetBytes(line));

    [GeneratedRegex(@"^\d{3} [245]\.\d{1,3}\.\d{1,3} ")]
    private static partial Regex EnhancedCode();

    [Fact]
    public void StartTls_CertificateAvailable_AdvertisedAcceptedAndEhloAgainAfterHandshake()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 10) { TlsAvailable = true };
        session.Start();

        Assert.Contains("250-STARTTLS\r\n", session.Handle(Parse("EHLO client.test")).Text);
        var reply = session.Handle(Parse("STARTTLS"));
        Assert.Equal("220 2.0.0 Ready to start TLS\r\n", reply.Text);
        Assert.True(reply.StartTls);
        session.TlsStarted();

        Assert.Equal(TempFailSessionState.Connected, session.State);
        Assert.DoesNotContain("STARTTLS", session.Handle(Parse("EHLO client.test")).Text);
        Assert.StartsWith("503 5.5.1 TLS already active", session.Handle(Parse("STARTTLS")).Text);
    }

    [Fact]
    public void Mail_RequireTlsBeforeStartTls_530ThenAccepted()
    {
        var session = new TempFailSession("edge.test", SmtpDeferAt.Rcpt, Message, 10) { TlsAvailable = true, RequireTls = true };
        session.Start();
        session.Handle(Parse("EHLO client.test"));

        Assert.Equal("530 5.7.0 Must issue a STARTTLS command first\r\n", session.Handle(Parse("MAIL FROM:<a@b.test>")).Text);
        session.Handle(Parse("STARTTLS"));
        session.TlsStarted();
        session.Handle(Parse("EHLO client.test"));
        Assert.Equal("250 2.1.0 Ok\r\n", session.Handle(Parse("MAIL FROM:<a@b.test>")).Text);
    }
}
