using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// The HTTP clients that forward requests and send probes: YARP's handler settings (no proxy, no
/// redirects, no decompression, no cookies) plus each site's connect timeout — a backend whose
/// accept queue is full must be given up on within it, not after 15 s, so the visitor gets the
/// sorry page. One client per distinct connect timeout, not one per site: connection pools are
/// per backend address anyway, and ten thousand idle handlers cost hundreds of megabytes.
/// </summary>
internal sealed class ForwarderClients(IOptions<ClusterOptions> cluster) : IDisposable
{
    private const string ConnectTimeoutMetadata = "SorryEdge.ConnectTimeoutMs";

    private readonly ConcurrentDictionary<int, HttpMessageInvoker> _clients = new();
    private readonly Configured _factory = new(cluster.Value.SourceAddress is { } source ? IPAddress.Parse(source) : null);

    /// <summary>The shared client for a connect timeout in milliseconds.</summary>
    public HttpMessageInvoker For(int connectTimeoutMs) =>
        _clients.GetOrAdd(connectTimeoutMs, static (ms, factory) => factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "sorryedge",
            NewConfig = HttpClientConfig.Empty,
            NewMetadata = new Dictionary<string, string> { [ConnectTimeoutMetadata] = ms.ToString(CultureInfo.InvariantCulture) },
        }), _factory);

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private sealed class Configured(IPAddress? source) : ForwarderHttpClientFactory
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.ConnectTimeout = TimeSpan.FromMilliseconds(int.Parse(context.NewMetadata![ConnectTimeoutMetadata], CultureInfo.InvariantCulture));
            handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
            if (source is not null)
            {
                // Edge:Cluster:SourceAddress: this node's own address toward backends (and probes), so
                // what one node can reach is what that node's probes see.
                handler.ConnectCallback = (connect, cancellationToken) => ConnectFromAsync(source, connect.DnsEndPoint, cancellationToken);
            }
        }

        private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, DnsEndPoint target, CancellationToken cancellationToken)
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(target, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
