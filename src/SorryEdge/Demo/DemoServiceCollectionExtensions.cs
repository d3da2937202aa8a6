namespace SorryEdge.Demo;

/// <summary>Wires the demo backend; with <c>Edge:Demo:Enabled</c> it starts with the edge and its site is seeded.</summary>
internal static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DemoBackend>();
        if (configuration.GetValue<bool>("Edge:Demo:Enabled"))
        {
            services.AddHostedService<DemoStartup>();
        }

        return services;
    }
}
