using EdgeAgent.AgentCheck;
using EdgeAgent.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Hosting;

/// <summary>Binds Kestrel to the HTTP address and to the agent-check TCP address, nothing else.</summary>
internal static class AgentListeners
{
    public static IWebHostBuilder UseAgentListeners(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel((context, kestrel) =>
        {
            // Reading the options runs AgentListenOptionsValidator first: a bad address stops the start naming its key.
            var listen = kestrel.ApplicationServices.GetRequiredService<IOptions<AgentListenOptions>>().Value;
            _ = ListenAddress.TryParseHttp(listen.Http, out var http);
            _ = ListenAddress.TryParseTcp(listen.AgentCheck, out var agent);
            var endpoints = kestrel.ApplicationServices.GetRequiredService<ListenEndpoints>();
            kestrel.Listen(http!, o => endpoints.Http = o);
            kestrel.Listen(agent!, o =>
            {
                o.UseConnectionHandler<AgentCheckConnectionHandler>();
                endpoints.AgentCheck = o;
            });
        });
}
