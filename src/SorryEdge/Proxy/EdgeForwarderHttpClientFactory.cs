using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SorryEdge.Cluster;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace SorryEdge.Proxy;

/// <summary>
/// YARP's client factory with two changes for an edge of many sites: each site's connect
/// timeout (a backend whose accept queue is full must be given up on within it, not after the
/// 15 s default, so the visitor gets the sorry page), and one shared client per distinct
/// setting instead of one per site — connection pools are per backend address anyway, and
/// ten thousand idle handlers cost hundreds of megabytes.
/// </summary>
public sealed class EdgeForwarderHttpClientFactory(IOptions<ClusterOptions> cluster) : IForwarderHttpClientFactory
{
    private readonly ConcurrentDictionary<(HttpClientConfig? Config, TimeSpan ConnectTimeout), HttpMessageInvoker> _clients = new();
    private readonly Configured _factory = new(cluster.Value.SourceAddress is { } source ? IPAddress.Parse(source) : null);

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) =>
        _clients.GetOrAdd((context.NewConfig, ConnectTimeout(context.NewMetadata)),
            static (_, state) => state.Factory.CreateClient(new ForwarderHttpClientContext
            {
                ClusterId = state.Context.ClusterId,
                NewConfig = state.Context.NewConfig,
                NewMetadata = state.Context.NewMetadata,
            }),
            (Factory: _factory, Context: context));

    private static TimeSpan ConnectTimeout(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(SiteProxyConfigProvider.ConnectTimeoutMetadata, out var text)
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromSeconds(2);

    private sealed class Configured(IPAddress? source) : ForwarderHttpClientFactory
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.ConnectTimeout = ConnectTimeout(context.NewMetadata);
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
