using Microsoft.Extensions.Options;

namespace SorryEdge.Health;

/// <summary>Wires health bookkeeping: the per-site tracker, the agents' poller and the probe limits.</summary>
internal static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<DestinationHealthTracker>();
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddHostedService<AgentPoller>();
        services.AddOptions<HealthProbeOptions>().BindConfiguration(HealthProbeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HealthProbeOptions>, HealthProbeOptionsValidator>();
        return services;
    }
}
