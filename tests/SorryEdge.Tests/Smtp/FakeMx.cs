using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SorryEdge.Tests.Smtp;

/// <summary>
/// A minimal backend MX on 127.0.0.1: greets with 220, records the first bytes of every
/// connection (to see a PROXY header), answers each line but a PROXY header with 250 and closes after QUIT.
/// </summary>
internal sealed class FakeMx : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public FakeMx()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"127.0.0.1:{Port}";

    public ConcurrentQueue<string> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await Task.WhenAll(sessions);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await stream.WriteAsync("220 fake.mx ESMTP\r\n"u8.ToArray(), _stop.Token);
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                Received.Enqueue(line);
                if (line.StartsWith("PROXY ", StringComparison.Ordinal))
                {
                    continue;
                }

                var quit = line.Equals("QUIT", StringComparison.OrdinalIgnoreCase);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(quit ? "221 2.0.0 fake bye\r\n" : "250 2.0.0 fake ok\r\n"), _stop.Token);
                if (quit)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // Test over or client gone.
        }
    }
}
