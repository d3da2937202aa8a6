using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SorryEdge.Tests.Support;

/// <summary>Raw HTTP/1.1 over a socket, for what HttpClient refuses to send: bad chunking, CR/LF in paths, slow bodies.</summary>
public static class RawHttp
{
    /// <summary>Sends the bytes as they are and answers the status code of the reply (0 when the connection closed without one).</summary>
    public static async Task<int> SendAsync(Uri server, string request, bool halfClose = false, TimeSpan? timeout = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        if (halfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        return await ReadStatusAsync(stream, timeout ?? TimeSpan.FromSeconds(15));
    }

    public static async Task<int> ReadStatusAsync(Stream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            while (!text.ToString().Contains("\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cts.Token);
                if (read == 0)
                {
                    return 0;
                }

                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            return 0;
        }

        var line = text.ToString();
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An HttpClient whose connections come from another loopback address (another client to the edge).</summary>
    public static HttpClient ClientFrom(IPAddress local, Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
