using System.Net;
using System.Net.Sockets;

namespace SorryEdge.Tests.Support;

/// <summary>A loopback port free right now, for peers that need a port before they start (external processes, SMTP listeners).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
