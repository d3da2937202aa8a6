using EdgeAgent.AgentCheck;
using EdgeAgent.Board;
using EdgeAgent.Configuration;
using EdgeAgent.Health;
using EdgeAgent.History;
using EdgeAgent.Probes;
using EdgeAgent.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Hosting;

/// <summary>Registers the agent's features.</summary>
internal static class AgentServices
{
    public static IServiceCollection AddAgent(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddOptions<AgentListenOptions>().Bind(configuration.GetSection(AgentListenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentListenOptions>, AgentListenOptionsValidator>();
        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection(HistoryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ProbeFactory.HttpClientName, client => client.MaxResponseContentBufferSize = 1024 * 1024)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        services.AddSingleton<ProbeFactory>();
        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory;
            return new SqliteDatabase(Path.Combine(Path.GetFullPath(directory, contentRoot), "edgeagent.db"), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<CheckRegistry>();
        services.AddSingleton<CheckRunner>();
        services.AddSingleton<ListenEndpoints>();
        services.AddSingleton<AgentCheckConnectionHandler>();
        services.AddHostedService<CheckScheduler>();
        services.AddHostedService<HistoryPruner>();
        services.AddHealthReport();
        services.AddBoard();
        return services;
    }
}
