using EdgeAgent.AgentCheck;
using EdgeAgent.Configuration;
using Microsoft.AspNetCore.Connections;

namespace EdgeAgent.Hosting;

/// <summary>Binds Kestrel to the HTTP address and to the agent-check TCP address, nothing else.</summary>
internal static class AgentListeners
{
    public static IWebHostBuilder UseAgentListeners(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel((context, kestrel) =>
        {
            var listen = context.Configuration.GetSection($"{AgentOptions.SectionName}:Listen").Get<AgentListenOptions>() ?? new();
            if (!ListenAddress.TryParseHttp(listen.Http, out var http))
            {
                throw new InvalidOperationException($"Agent:Listen:Http: '{listen.Http}' is not an http://IP:port address");
            }

            if (!ListenAddress.TryParseTcp(listen.AgentCheck, out var agent))
            {
                throw new InvalidOperationException($"Agent:Listen:AgentCheck: '{listen.AgentCheck}' is not an IP:port address");
            }

            var endpoints = kestrel.ApplicationServices.GetRequiredService<ListenEndpoints>();
            kestrel.Listen(http!, o => endpoints.Http = o);
            kestrel.Listen(agent!, o =>
            {
                o.UseConnectionHandler<AgentCheckConnectionHandler>();
                endpoints.AgentCheck = o;
            });
        });
}
