using System.Net;

namespace EdgeAgent.Configuration;

/// <summary>Parses the listen addresses: an http:// URL and a host:port, loopback names allowed.</summary>
internal static class ListenAddress
{
    public static bool TryParseHttp(string? text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/")
        {
            return false;
        }

        var address = ParseHost(uri.Host);
        if (address is null)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, uri.Port);
        return true;
    }

    public static bool TryParseTcp(string? text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            return false;
        }

        var address = ParseHost(text[..colon].Trim('[', ']'));
        if (address is null)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    private static IPAddress? ParseHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : null;
}
