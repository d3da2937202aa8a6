using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Customers;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Pages;
using SorryEdge.Sites;

namespace SorryEdge.Cluster;

/// <summary>Cluster mode when <c>Edge:Cluster:Etcd:Endpoints</c> is set; the embedded single node otherwise.</summary>
internal static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton<ClusterReport>();
        services.AddSingleton<SqliteSiteStore>();
        if (!configuration.GetSection(ClusterOptions.SectionName + ":Etcd:Endpoints").GetChildren().Any())
        {
            services.AddSingleton<ISiteStore>(sp => sp.GetRequiredService<SqliteSiteStore>());
            services.AddSingleton<IOverseerRole, SingleNodeRole>();
            services.AddSingleton<IPublishedEventSink, RecorderEventSink>();
            return services;
        }

        services.AddSingleton<EtcdGateway>();
        services.AddSingleton<ClusterProgress>();
        services.AddSingleton<ClusterView>();
        services.AddSingleton<ClusterWriter>();
        services.AddSingleton<ISiteStore, ClusterSiteStore>();
        services.AddSingleton<ICustomerLedger, EtcdCustomerLedger>();
        services.AddSingleton<IPageLedger, EtcdPageLedger>();
        services.AddHostedService<ClusterFollower>();
        services.AddSingleton<ClusterNode>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterNode>());
        services.AddSingleton<OverseerState>();
        services.AddSingleton<IOverseerRole>(sp => sp.GetRequiredService<OverseerState>());
        services.AddSingleton<Damping.IPublicationGate>(sp => sp.GetRequiredService<OverseerState>());
        services.AddSingleton<IPublishedEventSink>(sp => sp.GetRequiredService<ClusterNode>());
        services.AddHostedService<ClusterMetrics>();
        return services;
    }
}
