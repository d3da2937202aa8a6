namespace SorryEdge.Smtp;

/// <summary>Set on a connection by <see cref="SmtpListenerManager"/>: the configured listen string it arrived on.</summary>
internal sealed class SmtpListenFeature(string listen)
{
    public string Listen { get; } = listen;
}
