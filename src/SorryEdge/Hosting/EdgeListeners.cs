using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Http;
using SorryEdge.Tls;

namespace SorryEdge.Hosting;

/// <summary>Binds the data-plane and admin listeners and tags each connection with its listener.</summary>
internal static class EdgeListeners
{
    public static void Configure(KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<EdgeOptions>>().Value;
        var bound = kestrel.ApplicationServices.GetRequiredService<EdgeEndpoints>();
        kestrel.AddServerHeader = false;
        var limits = options.Limits;
        var grace = TimeSpan.FromSeconds(limits.DataRateGraceSeconds);
        kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyBytesPerSecond > 0 ? new MinDataRate(limits.MinRequestBodyBytesPerSecond, grace) : null;
        kestrel.Limits.MinResponseDataRate = limits.MinResponseBytesPerSecond > 0 ? new MinDataRate(limits.MinResponseBytesPerSecond, grace) : null;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds);
        var listen = options.Listen;
        if (listen.Http is not null)
        {
            kestrel.Listen(ListenAddress.TryParse(listen.Http, "http", out _)!, l =>
            {
                Tag(l, ListenerKind.Data);
                bound.Add("http", l);
            });
        }

        if (listen.Https is not null)
        {
            var certificates = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
            kestrel.Listen(ListenAddress.TryParse(listen.Https, "https", out _)!, l =>
            {
                Tag(l, ListenerKind.Data);
                bound.Add("https", l);
                l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, name) => certificates.Select(name),
                });
            });
        }

        kestrel.Listen(ListenAddress.TryParse(listen.Admin, "http", out _)!, l =>
        {
            Tag(l, ListenerKind.Admin);
            bound.Add("admin", l);
        });
    }

    private static void Tag(ListenOptions listener, ListenerKind kind)
    {
        var feature = new EdgeListenerFeature(kind);
        listener.Use(next => connection =>
        {
            connection.Features.Set(feature);
            return next(connection);
        });
    }
}
