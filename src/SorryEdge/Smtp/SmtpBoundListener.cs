using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>A listener bound by <see cref="SmtpListenerManager"/> and the loop accepting on it.</summary>
internal sealed class SmtpBoundListener(IConnectionListener listener)
{
    public IConnectionListener Listener { get; } = listener;

    public Task AcceptLoop { get; set; } = Task.CompletedTask;
}
