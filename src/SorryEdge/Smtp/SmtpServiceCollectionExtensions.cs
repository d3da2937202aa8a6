using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SorryEdge.Smtp;

/// <summary>
/// Wires the SMTP front. Needs an <see cref="ISmtpSiteSource"/> and an <c>IEventRecorder</c> registered by the host;
/// an <see cref="ISmtpCertificateSource"/> registered before this call turns STARTTLS on.
/// </summary>
internal static class SmtpServiceCollectionExtensions
{
    public static IServiceCollection AddSmtpFront(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISmtpBackendProbe, SmtpBackendProbe>();
        services.TryAddSingleton<SmtpMetrics>();
        services.TryAddSingleton<SmtpConnectionLimiter>();
        services.TryAddSingleton<SmtpLimitLog>();
        services.TryAddSingleton<ISmtpCertificateSource, NoSmtpCertificates>();
        services.TryAddSingleton<SmtpDrain>();
        services.TryAddSingleton<SmtpDialogueRunner>();
        services.TryAddSingleton<SmtpDomainRouter>();
        services.TryAddSingleton<SmtpSiteResolver>();
        services.TryAddSingleton<TempFailResponder>();
        services.TryAddSingleton<SmtpSplicer>();
        services.TryAddSingleton<SmtpConnectionHandler>();
        services.TryAddSingleton<SmtpBackendMonitor>();
        services.TryAddSingleton<SmtpListenerManager>();
        services.AddHostedService(sp => sp.GetRequiredService<SmtpBackendMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<SmtpListenerManager>());
        return services;
    }
}
