using MailOutbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Damping;
using SorryEdge.Data;
using SorryEdge.Events;

namespace SorryEdge.Notifications;

/// <summary>Registers damping, the publication gate, notification mail and the staff digest.</summary>
internal static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<IPublicationGate, SingleNodeGate>();
        services.AddSingleton<SitePublisher>();
        services.AddOptions<EdgeNotificationOptions>().BindConfiguration(EdgeNotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeNotificationOptions>, EdgeNotificationOptionsValidator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<IEventFollower>(sp => sp.GetRequiredService<NotificationOutbox>());
        services.AddHostedService<StaffDigestWorker>();
        services.AddHostedService(sp =>
        {
            var events = sp.GetRequiredService<IEventRecorder>();
            return new MailOutboxWorker(
                sp.GetRequiredService<EdgeDatabase>().OpenAsync,
                sp.GetRequiredService<IOptions<EdgeNotificationOptions>>().Value.Smtp,
                sp.GetRequiredService<OutboxSignal>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<MailOutboxWorker>>(),
                (mail, error) =>
                {
                    // After a day of failures the message is given up, and that is an event of the site it was about.
                    events.Record(new EdgeEvent(mail.Headers.GetValueOrDefault(NotificationOutbox.SiteHeader) ?? "-", EventKinds.NotificationFailed,
                        "queued", "given-up", $"mail to {mail.Recipient} \"{mail.Subject}\" was not delivered: {error}"));
                    return Task.CompletedTask;
                });
        });
        return services;
    }
}
