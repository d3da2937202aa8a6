using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>
/// Pass-through: copies the client's bytes to the backend MX and back, untouched, after an
/// optional PROXY protocol header. Half-closes are passed on, so a QUIT/221 exchange and a
/// client that shuts its side first both end cleanly.
/// </summary>
internal sealed class SmtpSplicer
{
    public async Task SpliceAsync(ConnectionContext client, Socket backend, ProxyProtocolVersion? proxyProtocol, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(backend, ownsSocket: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (proxyProtocol is { } version)
        {
            await stream.WriteAsync(ProxyProtocolHeader.Build(version, client.RemoteEndPoint, client.LocalEndPoint), cancellationToken);
        }

        var up = UpAsync(client.Transport.Input, stream, backend, stop);
        await DownAsync(stream, client.Transport.Output, stop.Token);

        // The backend closed (after 221, or it failed): nothing more the client sends can matter.
        await stop.CancelAsync();
        await up;
    }

    private static async Task UpAsync(PipeReader input, NetworkStream stream, Socket backend, CancellationTokenSource stop)
    {
        try
        {
            await input.CopyToAsync(stream, stop.Token);
            backend.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client reset or the backend is gone: stop the other direction too.
            await stop.CancelAsync();
        }
    }

    private static async Task DownAsync(NetworkStream stream, PipeWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await stream.CopyToAsync(output, cancellationToken);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // Either side went away; the connection closes when the handler returns.
        }
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException or ConnectionAbortedException;
}
