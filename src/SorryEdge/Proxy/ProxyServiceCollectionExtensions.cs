namespace SorryEdge.Proxy;

/// <summary>
/// Wires the data plane: YARP's direct forwarder with the edge's own routes, selection and probes
/// (no YARP routes or clusters).
/// </summary>
internal static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddProxy(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ForwarderClients>();
        services.AddSingleton<SiteRoutes>();
        services.AddSingleton<SiteForwarder>();
        services.AddSingleton<SiteProbeMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SiteProbeMonitor>());
        return services;
    }
}
