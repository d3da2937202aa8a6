using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace SorryEdge.Smtp;

/// <summary>
/// Pass-through: copies the client's bytes to the backend MX and back, untouched, after an
/// optional PROXY protocol header. Half-closes are passed on, so a QUIT/221 exchange and a
/// client that shuts its side first both end cleanly. A session in which neither side moves a
/// byte for the idle timeout (a silent client, a hung backend, a client that stopped reading)
/// is closed on both sides.
/// </summary>
internal sealed class SmtpSplicer(TimeProvider time)
{
    public async Task SpliceAsync(ConnectionContext client, Socket backend, ProxyProtocolVersion? proxyProtocol, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(backend, ownsSocket: true);
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var activity = new Activity(idle, idleTimeout);
        if (proxyProtocol is { } version)
        {
            await stream.WriteAsync(ProxyProtocolHeader.Build(version, client.RemoteEndPoint, client.LocalEndPoint), cancellationToken);
        }

        var up = UpAsync(client.Transport.Input, stream, backend, stop, activity);
        await DownAsync(stream, client.Transport.Output, activity, stop.Token);

        // The backend closed (after 221, or it failed): nothing more the client sends can matter.
        await stop.CancelAsync();
        await up;
    }

    private static async Task UpAsync(PipeReader input, NetworkStream stream, Socket backend, CancellationTokenSource stop, Activity activity)
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
                if (!result.Buffer.IsEmpty)
                {
                    activity.Touch();
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            backend.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client reset or the backend is gone: stop the other direction too.
            await stop.CancelAsync();
        }
    }

    private static async Task DownAsync(NetworkStream stream, PipeWriter output, Activity activity, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                activity.Touch();
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // Either side went away; the connection closes when the handler returns.
        }
    }

    /// <summary>Pushes the idle deadline back whenever bytes move in either direction.</summary>
    private sealed class Activity(CancellationTokenSource idle, TimeSpan timeout)
    {
        public void Touch()
        {
            try
            {
                idle.CancelAfter(timeout);
            }
            catch (ObjectDisposedException)
            {
                // The session already ended.
            }
        }
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException or ConnectionAbortedException;
}
