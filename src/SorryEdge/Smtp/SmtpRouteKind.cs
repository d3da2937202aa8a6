namespace SorryEdge.Smtp;

/// <summary>What the shared listener does with one recipient.</summary>
internal enum SmtpRouteKind
{
    /// <summary>No site claims the domain: <c>554 5.7.1</c> relay access denied (never an open relay).</summary>
    Unknown,

    /// <summary>The site defers its mail (tempfail, or its backend is down or unset): <c>451 4.3.2</c>.</summary>
    Defer,

    /// <summary>The site's backend MX takes the recipient; its own reply goes back.</summary>
    Relay,
}
