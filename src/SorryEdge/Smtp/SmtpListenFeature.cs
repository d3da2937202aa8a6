namespace SorryEdge.Smtp;

/// <summary>Set on a connection by <see cref="SmtpListenerManager"/>: the configured listen string it arrived on, and whether it is a shared listener.</summary>
internal sealed class SmtpListenFeature(string listen, bool shared = false)
{
    public string Listen { get; } = listen;

    /// <summary>One of <c>Edge:Smtp:Shared</c>: the site is chosen per recipient, not by the address.</summary>
    public bool Shared { get; } = shared;
}
