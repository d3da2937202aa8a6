using System.Net;
using System.Net.Sockets;

namespace SorryEdge.Tests.Support;

/// <summary>A loopback listener that never accepts, its backlog filled: further connects hang in SYN retries.</summary>
public sealed class FullAcceptQueue : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private FullAcceptQueue(Socket listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<FullAcceptQueue> StartAsync()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var queue = new FullAcceptQueue(listener);
        for (var i = 0; i < 16; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            queue._fillers.Add(filler);
            using var connectTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(IPAddress.Loopback, queue.Port, connectTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The backlog is full: this connect hangs, which is the point.
                break;
            }
        }

        return queue;
    }

    public void Dispose()
    {
        _fillers.ForEach(f => f.Dispose());
        _listener.Dispose();
    }
}
