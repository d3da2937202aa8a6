using System.Net;

namespace SorryEdge.Configuration;

/// <summary>A listener URL parsed into the endpoint Kestrel binds.</summary>
internal static class ListenAddress
{
    /// <summary>Parses <c>http(s)://IP:port</c> or <c>localhost</c>; answers null with a reason when it is not one.</summary>
    public static IPEndPoint? TryParse(string? url, string scheme, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
        {
            error = $"'{url}' is not a {scheme}://ADDRESS:PORT URL";
            return null;
        }

        var host = uri.Host.Trim('[', ']');
        IPAddress? address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(host, out address))
        {
            error = $"'{url}' must name an IP address or localhost, not '{uri.Host}'";
            return null;
        }

        return new IPEndPoint(address, uri.Port);
    }
}
