namespace SorryEdge.Smtp;

/// <summary>
/// Set on a connection by <see cref="SmtpListenerManager"/>: the configured listen string it
/// arrived on, whether it is a shared listener, and the signal that its listener is going away.
/// </summary>
internal sealed class SmtpListenFeature(string listen, bool shared = false, CancellationToken draining = default)
{
    public string Listen { get; } = listen;

    /// <summary>One of <c>Edge:Smtp:Shared</c>: the site is chosen per recipient, not by the address.</summary>
    public bool Shared { get; } = shared;

    /// <summary>Fires when the listener is unbound (its site's listen changed) or the edge stops.</summary>
    public CancellationToken Draining { get; } = draining;
}
