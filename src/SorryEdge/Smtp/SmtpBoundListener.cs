using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>
/// A listener bound by <see cref="SmtpListenerManager"/>, the loop accepting on it, its open
/// connections, and the signal that tells them it is going away (unbound or the edge stopping).
/// </summary>
internal sealed class SmtpBoundListener(IConnectionListener listener, CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _draining = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    public IConnectionListener Listener { get; } = listener;

    public Task AcceptLoop { get; set; } = Task.CompletedTask;

    public ConcurrentDictionary<ConnectionContext, Task> Connections { get; } = new();

    public CancellationToken Draining => _draining.Token;

    public Task DrainAsync() => _draining.CancelAsync();

    public void Dispose() => _draining.Dispose();
}
