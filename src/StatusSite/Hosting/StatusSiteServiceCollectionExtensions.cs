using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StatusSite.Auth;
using StatusSite.Data;
using StatusSite.Demo;
using StatusSite.Export;
using StatusSite.Ingest;
using StatusSite.Maintenance;
using StatusSite.Public;
using StatusSite.Staff;
using StatusSite.Subscribers;

namespace StatusSite.Hosting;

/// <summary>Registers every feature of the status site.</summary>
internal static class StatusSiteServiceCollectionExtensions
{
    public static IServiceCollection AddStatusSite(this IServiceCollection services)
    {
        services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusOptions>, StatusOptionsValidator>();
        services.AddOptions<StatusPageOptions>().BindConfiguration(StatusPageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusPageOptions>, StatusPageOptionsValidator>();
        services.AddOptions<StatusIngestOptions>().BindConfiguration(StatusIngestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusIngestOptions>, StatusIngestOptionsValidator>();
        services.AddOptions<StatusDemoOptions>().BindConfiguration(StatusDemoOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();

        services.AddSingleton<StatusDatabase>();
        services.AddSingleton<ComponentStore>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IngestStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SiteDataLoader>();

        services.AddSingleton<PublicSiteRenderer>();
        services.AddSingleton<PublicSiteCache>();
        services.AddSingleton<StaticExporter>();

        services.AddSingleton<ComponentService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<MaintenanceSignal>();
        services.AddSingleton<DemoSeeder>();

        services.AddStaffAuth();
        services.AddHostedService<StatusSiteInitializer>();
        // After the initializer: hosted services start in order, and the subscriber workers need the migrated database.
        services.AddSubscribers();
        services.AddHostedService<MaintenanceScheduler>();
        return services;
    }
}
