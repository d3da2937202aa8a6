namespace SorryEdge.Sites;

/// <summary>Wires the sites feature: the live catalog, the write path and the operations on a site.</summary>
internal static class SiteServiceCollectionExtensions
{
    public static IServiceCollection AddSites(this IServiceCollection services)
    {
        services.AddSingleton<SiteCatalog>();
        services.AddSingleton<SiteService>();
        services.AddSingleton<ISiteLatch>(sp => sp.GetRequiredService<SiteService>());
        services.AddSingleton<SiteOperations>();
        return services;
    }
}
