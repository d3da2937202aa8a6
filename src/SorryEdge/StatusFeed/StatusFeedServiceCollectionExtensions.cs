using Microsoft.Extensions.Options;
using SorryEdge.Events;

namespace SorryEdge.StatusFeed;

/// <summary>Wires the feed to the status site: options, the outbox that follows events, its sender and reconciler.</summary>
internal static class StatusFeedServiceCollectionExtensions
{
    public static IServiceCollection AddStatusFeed(this IServiceCollection services)
    {
        services.AddOptions<StatusSiteOptions>().BindConfiguration(StatusSiteOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusSiteOptions>, StatusSiteOptionsValidator>();
        services.AddSingleton<StatusOutbox>();
        services.AddSingleton<StatusOutboxReconciler>();
        services.AddSingleton<IEventFollower>(sp => sp.GetRequiredService<StatusOutbox>());
        services.AddHostedService<StatusOutboxSender>();
        return services;
    }
}
