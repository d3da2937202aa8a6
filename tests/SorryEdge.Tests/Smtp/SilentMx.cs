using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SorryEdge.Tests.Smtp;

/// <summary>A backend MX on 127.0.0.1 that accepts connections and never greets: the edge waits on it.</summary>
internal sealed class SilentMx : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _accepted = [];
    private readonly Task _accept;

    public SilentMx()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Accepted => _accepted.Count;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accept;
        foreach (var client in _accepted)
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _accepted.Add(await _listener.AcceptTcpClientAsync());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
