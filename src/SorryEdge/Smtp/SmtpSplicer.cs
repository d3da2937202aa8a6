using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// Pass-through: copies the client's bytes to the backend MX and back, untouched, after an
/// optional PROXY protocol header. Half-closes are passed on, so a QUIT/221 exchange and a
/// client that shuts its side first both end cleanly. A session with no byte in either
/// direction for <c>Edge:Smtp:PassthroughIdleTimeout</c> is closed on both sides.
/// </summary>
internal sealed class SmtpSplicer(IOptionsMonitor<SmtpOptions> options, TimeProvider time)
{
    public async Task SpliceAsync(ConnectionContext client, Socket backend, ProxyProtocolVersion? proxyProtocol, CancellationToken cancellationToken)
    {
        var idleTimeout = options.CurrentValue.PassthroughIdleTimeout;
        await using var stream = new NetworkStream(backend, ownsSocket: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var registration = idle.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), stop);
        if (proxyProtocol is { } version)
        {
            await stream.WriteAsync(ProxyProtocolHeader.Build(version, client.RemoteEndPoint, client.LocalEndPoint), cancellationToken);
        }

        // Either direction moving keeps both alive: while the backend works on a message the
        // client is rightly silent, and the other way round.
        void Active() => idle.CancelAfter(idleTimeout);
        var up = UpAsync(client.Transport.Input, stream, backend, stop, Active);
        await DownAsync(stream, client.Transport.Output, stop.Token, Active);

        // The backend closed (after 221, or it failed): nothing more the client sends can matter.
        await stop.CancelAsync();
        await up;
    }

    private static async Task UpAsync(PipeReader input, NetworkStream stream, Socket backend, CancellationTokenSource stop, Action active)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(stop.Token);
                foreach (var segment in result.Buffer)
                {
                    await stream.WriteAsync(segment, stop.Token);
                }

                input.AdvanceTo(result.Buffer.End);
                active();
                if (result.IsCompleted)
                {
                    break;
                }
            }

            backend.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client reset, the backend is gone, or the session idled out: stop the other direction too.
            await stop.CancelAsync();
        }
    }

    private static async Task DownAsync(NetworkStream stream, PipeWriter output, CancellationToken cancellationToken, Action active)
    {
        try
        {
            while (true)
            {
                var memory = output.GetMemory(16 * 1024);
                var read = await stream.ReadAsync(memory, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                output.Advance(read);
                await output.FlushAsync(cancellationToken);
                active();
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // Either side went away; the connection closes when the handler returns.
        }
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException or ConnectionAbortedException;
}
