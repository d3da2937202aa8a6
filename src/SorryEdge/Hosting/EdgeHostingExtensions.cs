using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog;
using SorryEdge.Admin;
using SorryEdge.Cluster;
using SorryEdge.Configuration;
using SorryEdge.Customers;
using SorryEdge.Data;
using SorryEdge.Demo;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Http;
using SorryEdge.Notifications;
using SorryEdge.Pages;
using SorryEdge.Portal;
using SorryEdge.Proxy;
using SorryEdge.Schedules;
using SorryEdge.Sites;
using SorryEdge.Smtp;
using SorryEdge.StatusFeed;
using SorryEdge.Takeover;
using SorryEdge.Tls;

namespace SorryEdge.Hosting;

/// <summary>Wires the edge: one call for services, one for start-up work, one for the pipeline.</summary>
internal static class EdgeHostingExtensions
{
    public static WebApplicationBuilder AddSorryEdge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.Host.UseSerilog((context, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        builder.WebHost.ConfigureKestrel(EdgeListeners.Configure);

        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => EdgeJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddAntiforgery();

        services.AddEdgeData();
        services.AddCluster(builder.Configuration);
        services.AddSites();
        services.AddSingleton<EdgeMetrics>();
        services.AddNotifications(); // issue #15: damping, publication gate, notification mail
        services.AddStatusFeed();
        // Followers read services that record events themselves: the recorder gets them on its first event.
        services.AddSingleton<IEventFollowers, RegisteredEventFollowers>();
        services.AddHealth();
        services.AddPages();
        services.AddTakeover();
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<EdgeEndpoints>();
        services.AddCustomers();
        services.AddAdmin();
        services.AddPortal();
        services.AddSchedules();
        services.AddDemo(builder.Configuration);

        // The SMTP front over the sites' catalog and the edge's certificates (alone, as in its tests, it takes other sources).
        services.AddSingleton<ISmtpSiteSource, CatalogSmtpSiteSource>();
        services.AddSingleton<ISmtpCertificateSource>(sp => sp.GetRequiredService<CertificateStore>());
        services.AddSingleton<SmtpOperations>();
        services.AddSmtpFront(builder.Configuration);
        services.AddProxy();
        return builder;
    }

    /// <summary>Applies migrations and loads the sites before the first request can arrive.</summary>
    public static async Task InitializeSorryEdgeAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<EdgeDatabase>().MigrateAsync(CancellationToken.None);
        // The event followers, resolved before any event is recorded: a follower that cannot be built
        // stops the start here instead of failing every later event.
        _ = app.Services.GetRequiredService<IEventFollowers>().All;
        await app.Services.GetRequiredService<SiteCatalog>().LoadAsync(app.Services.GetRequiredService<ISiteStore>(), CancellationToken.None);
        await app.Services.GetRequiredService<PageStore>().CleanOrphansAsync(CancellationToken.None);
        await app.Services.GetRequiredService<PageStore>().LoadActiveAsync(CancellationToken.None);
        if (!app.Services.GetRequiredService<ClusterReport>().Enabled)
        {
            // In a cluster the follower's resync restores both from etcd (each write's record, once by its id).
            await app.Services.GetRequiredService<ModeEventReconciler>().ReconcileAsync(CancellationToken.None);
            await app.Services.GetRequiredService<StatusOutboxReconciler>().ReconcileAsync(CancellationToken.None);
        }
    }

    public static WebApplication MapSorryEdge(this WebApplication app)
    {
        app.UseMiddleware<RequestGuardMiddleware>();
        // The data listener's requests end here; only the admin listener's go on to routing.
        app.UseMiddleware<DataPlaneMiddleware>();
        app.UseRouting();
        // Placed here, WebApplication does not add its own in front of the whole pipeline (where it
        // ran the portal's cookie handler for every proxied request).
        app.UseAuthentication();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<ClusterFailureMiddleware>();
        app.UseMiddleware<DiskFaultMiddleware>();
        // Explicit, so WebApplication does not add its own in front of the data plane. Inside the
        // audit middleware (refused calls are recorded) and the disk and cluster fault answers
        // (validating a token reads the database), as the endpoint filter it replaces was.
        app.UseAuthorization();
        app.UseAntiforgery();

        var api = app.MapGroup("/api/v1").WithMetadata(AdminEndpointMetadata.Instance).AddEndpointFilter<AuditFilter>()
            .RequireAuthorization(AdminAuthNames.SiteOwnerPolicy);
        api.MapSitesApi();
        api.MapSwitchesApi();
        api.MapSorryPagesApi();
        api.MapCustomersApi();
        api.MapClusterApi();
        var admin = app.MapGroup("").WithMetadata(AdminEndpointMetadata.Instance);
        // /metrics names every customer's sites: staff only (Prometheus: authorization: credentials).
        admin.MapMetrics("/metrics").RequireAuthorization(AdminAuthNames.StaffPolicy);
        admin.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(AdminAuthNames.SiteOwnerPolicy);
        app.MapPortal();
        if (app.Configuration.GetValue<bool>("Edge:Demo:Enabled"))
        {
            api.MapDemoApi();
            admin.MapDemoPage();
        }

        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", (SiteCatalog catalog, ClusterReport cluster) => TypedResults.Ok(new
        {
            status = "ready",
            sites = catalog.Sites.Count,
            // The data plane serves either way; writes wait for the cluster store.
            clusterStore = cluster.Enabled ? (cluster.StoreAvailable ? "available" : "unavailable") : "embedded",
        }));

        return app;
    }
}
