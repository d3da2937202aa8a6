using System.Threading.RateLimiting;
using MailOutbox;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StatusSite.Data;

namespace StatusSite.Subscribers;

/// <summary>Registers subscribers, the notice dispatcher, the mail outbox worker and the subscription rate limit.</summary>
internal static class SubscriberServiceCollectionExtensions
{
    public static IServiceCollection AddSubscribers(this IServiceCollection services)
    {
        services.AddOptions<StatusNotificationOptions>().BindConfiguration(StatusNotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusNotificationOptions>, StatusNotificationOptionsValidator>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<NoticeStore>();
        services.AddSingleton<WebhookOutboxStore>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SubscriptionService>();
        services.AddHostedService<NotificationDispatcher>();
        services.AddHostedService(sp => new MailOutboxWorker(
            sp.GetRequiredService<StatusDatabase>().OpenAsync,
            sp.GetRequiredService<IOptions<StatusNotificationOptions>>().Value.Smtp,
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MailOutboxWorker>>()));
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SubscriberEndpoints.SubscribeRateLimit, context =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<StatusNotificationOptions>>().Value.SubscribePerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return services;
    }
}
