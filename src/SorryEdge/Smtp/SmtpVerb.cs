namespace SorryEdge.Smtp;

/// <summary>SMTP command verbs the front tells apart (RFC 5321 §4.1 and extensions it refuses).</summary>
internal enum SmtpVerb
{
    /// <summary>Not a command this server recognises (RFC 5321 §4.2.4: 500).</summary>
    Unknown,

    /// <summary>A line with NUL, control characters or invalid UTF-8.</summary>
    Invalid,

    Helo,
    Ehlo,
    Mail,
    Rcpt,
    Data,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,

    /// <summary>RFC 3207; offered only when a certificate is available.</summary>
    StartTls,

    /// <summary>Recognised but not offered here (AUTH, BDAT, ETRN, TURN): 502.</summary>
    NotImplemented,
}
