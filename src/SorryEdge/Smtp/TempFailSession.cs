using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// The temp-fail responder's dialogue as a pure state machine: one reply per command, no I/O.
/// </summary>
/// <remarks>
/// Which replies may be 5xx. A sender bounces a message when a reply that decides the fate of
/// that message is permanent: the greeting, EHLO/HELO (Postfix and Exim treat a 5xx there as a
/// permanent failure of the whole delivery), MAIL, RCPT and DATA after accepted recipients. All
/// of those are 2xx or 4xx here, whatever their arguments: MAIL is accepted without checking its
/// parameters (a parser stricter than the customer's MX would bounce mail the MX would take),
/// every RCPT gets 451 4.3.2, a nested MAIL starts a new transaction instead of the 503 "nested
/// MAIL", SIZE is advertised without a number so no message is refused as too big, and
/// SMTPUTF8 and 8BITMIME are advertised so no sender has to bounce for want of them.
///
/// The 5xx replies left are those RFC 5321 prescribes for input that no conforming sender
/// produces inside a delivery, and that therefore never decide a message's fate:
/// 503 5.5.1 to DATA with no accepted recipient (§3.3; RFC 2920 §3.1 requires it so that a
/// pipelined body is not read as commands — the one the issue names), 500 5.5.2 to an
/// unrecognised or malformed line (§4.2.4), 501 5.5.4 to HELO/EHLO without a domain, MAIL
/// without <c>FROM:</c> and VRFY without an argument (§4.1.1), and 502 5.5.1 to commands
/// recognised but never advertised (EXPN, AUTH, BDAT, ETRN, TURN, and STARTTLS without a certificate; §4.2.4). A 4xx there
/// would be wrong — it would invite a retry of something that can never succeed — and a client
/// that sends them is a human or a broken or hostile program; each one counts toward the error
/// limit. Enhanced status codes (RFC 3463, RFC 2034) are in every reply but 220/221/214.
/// </remarks>
internal sealed class TempFailSession
{
    private readonly string _hostname;
    private readonly SmtpDeferAt _deferAt;
    private readonly string _message;
    private readonly int _maxErrors;

    public TempFailSession(string hostname, SmtpDeferAt deferAt, string message, int maxErrors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrors, 1);
        _hostname = hostname;
        _deferAt = deferAt;
        _message = SmtpReplyText.Sanitize(message);
        _maxErrors = maxErrors;
    }

    public TempFailSessionState State { get; private set; } = TempFailSessionState.New;

    /// <summary>A certificate is there: STARTTLS is advertised and accepted (RFC 3207).</summary>
    public bool TlsAvailable { get; init; }

    /// <summary>MAIL is refused with 530 until STARTTLS (<c>Edge:Smtp:RequireTls</c>).</summary>
    public bool RequireTls { get; init; }

    /// <summary>False on the shared listeners: the backend MX that will get the mail may not speak SMTPUTF8.</summary>
    public bool AdvertiseSmtpUtf8 { get; init; } = true;

    public bool TlsActive { get; private set; }

    public int Errors { get; private set; }

    /// <summary>The greeting: 421 4.3.2 and close, or the 220 banner.</summary>
    public SmtpReply Start()
    {
        EnsureState(TempFailSessionState.New);
        if (_deferAt == SmtpDeferAt.Greeting)
        {
            return Close($"421 4.3.2 {_hostname} {_message}");
        }

        State = TempFailSessionState.Connected;
        return SmtpReply.Line($"220 {_hostname} ESMTP");
    }

    public SmtpReply Handle(SmtpCommand command)
    {
        if (State is TempFailSessionState.New or TempFailSessionState.Closed)
        {
            throw new InvalidOperationException($"No command is read in state {State}.");
        }

        return command.Verb switch
        {
            SmtpVerb.Ehlo when command.Argument.Length == 0 => Error("501 5.5.4 Syntax: EHLO hostname"),
            SmtpVerb.Helo when command.Argument.Length == 0 => Error("501 5.5.4 Syntax: HELO hostname"),
            SmtpVerb.Ehlo => Greet(SmtpReply.Lines(250, Keywords())),
            SmtpVerb.Helo => Greet(SmtpReply.Line($"250 {_hostname}")),
            SmtpVerb.Mail => Mail(command.Argument),
            SmtpVerb.Rcpt => SmtpReply.Line($"451 4.3.2 {_message}"),
            SmtpVerb.Data when State == TempFailSessionState.Mail => SmtpReply.Line("503 5.5.1 No valid recipients"),
            SmtpVerb.Data => Error("503 5.5.1 Need MAIL command"),
            SmtpVerb.Rset => Reset(),
            SmtpVerb.Noop => SmtpReply.Line("250 2.0.0 Ok"),
            SmtpVerb.Quit => Close("221 2.0.0 Bye"),
            SmtpVerb.Vrfy when command.Argument.Length == 0 => Error("501 5.5.4 Syntax: VRFY address"),
            SmtpVerb.Vrfy => SmtpReply.Line("252 2.5.2 Cannot VRFY user, try RCPT"),
            SmtpVerb.Help => SmtpReply.Line("214 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP"),
            SmtpVerb.StartTls => StartTls(),
            SmtpVerb.Expn or SmtpVerb.NotImplemented => Error("502 5.5.1 Command not implemented"),
            SmtpVerb.Invalid => Error("500 5.5.2 Invalid characters in command"),
            _ => Error("500 5.5.2 Command unrecognized"),
        };
    }

    /// <summary>The TLS handshake after 220 succeeded: the client starts again with EHLO (RFC 3207 §4.2).</summary>
    public void TlsStarted()
    {
        TlsActive = true;
        State = TempFailSessionState.Connected;
    }

    /// <summary>A command refused for being out of sequence or malformed; counts toward the error limit.</summary>
    public SmtpReply Mistake(string reply) => Error(reply);

    /// <summary>The transaction ended outside this machine (the message went to a backend MX): back to Ready.</summary>
    public void EndTransaction()
    {
        if (State == TempFailSessionState.Mail)
        {
            State = TempFailSessionState.Ready;
        }
    }

    /// <summary>The edge is stopping and the session is between commands (RFC 5321 §3.8).</summary>
    public SmtpReply ShuttingDown() => Close($"421 4.3.2 {_hostname} Service shutting down, closing connection");

    /// <summary>A command line over the limit: the session ends (the rest of the line cannot be trusted as a command boundary).</summary>
    public SmtpReply LineTooLong() => Close("421 4.7.0 Line too long, closing connection", "line");

    /// <summary>No complete command within the idle timeout.</summary>
    public SmtpReply IdleTimeout() => Close("421 4.4.2 Idle timeout, closing connection", "idle");

    private List<string> Keywords()
    {
        List<string> keywords = [_hostname, "PIPELINING", "SIZE", "8BITMIME", "ENHANCEDSTATUSCODES"];
        if (TlsAvailable && !TlsActive)
        {
            keywords.Add("STARTTLS");
        }

        if (AdvertiseSmtpUtf8)
        {
            keywords.Add("SMTPUTF8");
        }

        return keywords;
    }

    private SmtpReply StartTls()
    {
        if (!TlsAvailable)
        {
            return Error("502 5.5.1 Command not implemented");
        }

        if (TlsActive)
        {
            return Error("503 5.5.1 TLS already active");
        }

        return State == TempFailSessionState.Mail
            ? Error("503 5.5.1 MAIL transaction in progress")
            : new SmtpReply("220 2.0.0 Ready to start TLS\r\n", Close: false, StartTls: true);
    }

    private SmtpReply Greet(SmtpReply reply)
    {
        // RFC 5321 §4.1.4: EHLO/HELO at any point resets the state as RSET would.
        State = TempFailSessionState.Ready;
        return reply;
    }

    private SmtpReply Mail(string argument)
    {
        if (!argument.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase))
        {
            return Error("501 5.5.4 Syntax: MAIL FROM:<address>");
        }

        if (RequireTls && !TlsActive)
        {
            return SmtpReply.Line("530 5.7.0 Must issue a STARTTLS command first");
        }

        State = TempFailSessionState.Mail;
        return SmtpReply.Line("250 2.1.0 Ok");
    }

    private SmtpReply Reset()
    {
        if (State == TempFailSessionState.Mail)
        {
            State = TempFailSessionState.Ready;
        }

        return SmtpReply.Line("250 2.0.0 Ok");
    }

    private SmtpReply Error(string reply)
    {
        Errors++;
        return Errors >= _maxErrors ? Close("421 4.7.0 Too many errors, closing connection", "errors") : SmtpReply.Line(reply);
    }

    private SmtpReply Close(string reply, string? limit = null)
    {
        State = TempFailSessionState.Closed;
        return SmtpReply.Line(reply, close: true, limit);
    }

    private void EnsureState(TempFailSessionState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"Expected state {expected}, was {State}.");
        }
    }
}
