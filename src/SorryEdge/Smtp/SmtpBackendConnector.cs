using System.Net.Sockets;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>Opens a TCP connection to a backend MX within a deadline measured on the injected clock.</summary>
internal static class SmtpBackendConnector
{
    /// <summary>The connected socket, or null when the backend refused, reset or did not answer in time.</summary>
    public static async Task<Socket?> ConnectAsync(SmtpHostPort backend, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(backend.Host, backend.Port, linked.Token);
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
