namespace SorryEdge.Sites;

/// <summary>Where the temp-fail responder defers a sender.</summary>
internal enum SmtpDeferAt
{
    /// <summary><c>421 4.3.2</c> instead of the banner, then close.</summary>
    Greeting,

    /// <summary><c>220</c> banner, a full dialogue, and <c>451 4.3.2</c> to every RCPT (multi-tenant safe).</summary>
    Rcpt,
}
