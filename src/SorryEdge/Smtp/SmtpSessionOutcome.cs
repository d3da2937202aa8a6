namespace SorryEdge.Smtp;

/// <summary>How one SMTP connection was served; the <c>outcome</c> label of <c>sorryedge_smtp_sessions_total</c>.</summary>
internal enum SmtpSessionOutcome
{
    /// <summary>Spliced to the backend MX.</summary>
    Passthrough,

    /// <summary>Answered by the temp-fail responder by choice (mode tempfail, or auto with the backend down).</summary>
    Tempfail,

    /// <summary>The backend was meant to answer but could not be connected; the responder answered instead.</summary>
    Rescued,

    /// <summary>On a shared listener: the site is chosen per recipient (see <c>sorryedge_smtp_recipients_total</c>).</summary>
    Shared,

    /// <summary>Refused by the global or per-address connection limit.</summary>
    Limit,
}
