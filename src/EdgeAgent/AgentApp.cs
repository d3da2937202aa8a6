using System.Net;
using EdgeAgent.Board;
using EdgeAgent.Health;
using EdgeAgent.Hosting;
using Serilog;

namespace EdgeAgent;

/// <summary>
/// Builds the agent as a WebApplication so that tests (and the edge's integration tests) can
/// start it in-process with configuration overrides, e.g. "--Agent:Listen:Http=http://127.0.0.1:0".
/// </summary>
internal static class AgentApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddSampleWhenNoChecks();
        // The static Log.Logger is left alone: several agents (and an edge) may share one test process.
        builder.Services.AddSerilog(
            (_, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        builder.Services.AddAgent(builder.Configuration, builder.Environment.ContentRootPath);
        builder.WebHost.UseAgentListeners();

        var app = builder.Build();
        app.MapHealth();
        app.MapBoard();
        return app;
    }

    /// <summary>The bound HTTP address (after StartAsync), e.g. http://127.0.0.1:41234.</summary>
    public static Uri GetHttpAddress(WebApplication app)
    {
        var endPoint = app.Services.GetRequiredService<ListenEndpoints>().HttpEndPoint;
        return new Uri($"http://{endPoint}");
    }

    /// <summary>The bound agent-check TCP endpoint (after StartAsync).</summary>
    public static IPEndPoint GetAgentCheckEndPoint(WebApplication app) =>
        app.Services.GetRequiredService<ListenEndpoints>().AgentCheckEndPoint;
}
