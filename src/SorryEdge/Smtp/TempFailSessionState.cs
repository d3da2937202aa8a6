namespace SorryEdge.Smtp;

/// <summary>Where a temp-fail dialogue stands (RFC 5321 §4.1.4 command ordering).</summary>
internal enum TempFailSessionState
{
    /// <summary>Before the greeting was sent.</summary>
    New,

    /// <summary>220 sent, no EHLO/HELO yet.</summary>
    Connected,

    /// <summary>EHLO/HELO answered, no transaction open.</summary>
    Ready,

    /// <summary>MAIL accepted; recipients are always deferred, so this is as far as a message gets.</summary>
    Mail,

    /// <summary>A closing reply was sent; nothing more is read.</summary>
    Closed,
}
