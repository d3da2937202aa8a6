using Microsoft.Extensions.Configuration.Json;

namespace EdgeAgent.Hosting;

/// <summary>
/// With no checks configured anywhere, the agent runs the sample configuration (a web + mail +
/// database host) shipped beside it; it goes first so every other source still overrides it.
/// </summary>
internal static class SampleConfiguration
{
    public const string FileName = "appsettings.sample.json";

    public static void AddSampleWhenNoChecks(this ConfigurationManager configuration)
    {
        if (configuration.GetSection("Agent:Checks").GetChildren().Any())
        {
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var source = new JsonConfigurationSource { Path = path, Optional = true };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }
}
