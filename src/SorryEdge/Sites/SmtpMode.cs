namespace SorryEdge.Sites;

/// <summary>How a site's SMTP listener answers: forward while healthy, always defer, or always forward.</summary>
internal enum SmtpMode
{
    /// <summary>Splice to the backend MX while its probe says healthy; answer as the temp-fail responder otherwise.</summary>
    Auto,

    /// <summary>Always answer as the temp-fail responder (maintenance): mail is deferred, never lost.</summary>
    Tempfail,

    /// <summary>Always splice to the backend MX, whatever the probe says; still rescued when the connect fails.</summary>
    Passthrough,
}
