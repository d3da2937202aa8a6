using System.Net;
using System.Net.Sockets;

namespace LoadProbe;

/// <summary>Asks the kernel for a free loopback port and prints it.</summary>
internal static class FreePort
{
    public static int Run()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        listener.Stop();
        return 0;
    }
}
