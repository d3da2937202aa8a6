using System.Net;
using System.Net.Http;

namespace LoadProbe;

/// <summary>One pooled HTTP/1.1 client for loopback load: no proxy, no cookies, no decompression.</summary>
internal static class ProbeClient
{
    public static HttpClient Create(TimeSpan timeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = timeout,
    };

    public static HttpRequestMessage Get(string url, string? host, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        if (!string.IsNullOrEmpty(host))
        {
            request.Headers.Host = host;
        }

        request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }
}
