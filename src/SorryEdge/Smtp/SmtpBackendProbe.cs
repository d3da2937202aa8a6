using System.Net.Sockets;
using System.Text;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>The SMTP health probe: connect, read the banner, expect 220 (RFC 5321 §4.3.1), say QUIT.</summary>
internal sealed class SmtpBackendProbe(TimeProvider time) : ISmtpBackendProbe
{
    private const int MaxBannerBytes = 1024;

    public async Task<bool> ProbeAsync(SmtpHostPort backend, ProxyProtocolVersion? proxyProtocol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = await SmtpBackendConnector.ConnectAsync(backend, timeout, time, linked.Token);
        if (socket is null)
        {
            return false;
        }

        try
        {
            if (proxyProtocol is { } version)
            {
                // A backend behind PROXY protocol waits for the header before it greets.
                await socket.SendAsync(ProxyProtocolHeader.BuildHealthCheck(version), SocketFlags.None, linked.Token);
            }

            var buffer = new byte[MaxBannerBytes];
            var filled = 0;
            while (filled < buffer.Length && Array.IndexOf(buffer, (byte)'\n', 0, filled) < 0)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, linked.Token);
                if (read == 0)
                {
                    return false;
                }

                filled += read;
            }

            // A multi-line banner starts "220-"; either form of the first line is a greeting.
            var healthy = filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual("220"u8);
            await socket.SendAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), SocketFlags.None, linked.Token);
            return healthy;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
