using System.Net.Http;
using SorryEdge.Sites;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// What forwarding a request of one site needs, built once per version of the site (its
/// <see cref="SiteEntry"/>) and kept beside it: its destinations, the shared client for its
/// connect timeout and the request settings (HTTP/1.1 or lower to the backend, the site's
/// response timeout as YARP's activity timeout).
/// </summary>
internal sealed class SiteRoute
{
    public SiteRoute(SiteEntry entry, HttpMessageInvoker client)
    {
        var site = entry.Site;
        var destinations = new RouteDestination[site.Backends.Count];
        for (var i = 0; i < destinations.Length; i++)
        {
            destinations[i] = new RouteDestination(entry.DestinationIds[i], site.Backends[i].Url, Math.Max(1, site.Backends[i].Weight));
        }

        Destinations = destinations;
        Client = client;
        RequestConfig = new ForwarderRequestConfig
        {
            ActivityTimeout = TimeSpan.FromMilliseconds(site.ResponseTimeoutMs),
            Version = new Version(1, 1),
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public IReadOnlyList<RouteDestination> Destinations { get; }

    public HttpMessageInvoker Client { get; }

    public ForwarderRequestConfig RequestConfig { get; }
}
