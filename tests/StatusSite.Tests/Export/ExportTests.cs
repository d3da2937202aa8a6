using StatusSite.Export;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Export;

public sealed class ExportTests
{
    [Fact]
    public async Task Export_Site_WritesHtmlJsonAndFeeds()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("api", "API");
        var id = await host.CreateIncidentAsync("Exported incident", "Body text.");
        var folder = Path.Combine(host.DataDirectory, "export");
        var exporter = (StaticExporter)host.Services.GetService(typeof(StaticExporter))!;

        var count = await exporter.ExportAsync(folder, CancellationToken.None);

        Assert.True(count >= 13);
        Assert.Contains("Exported incident", await File.ReadAllTextAsync(Path.Combine(folder, "index.html")));
        Assert.Contains("Body text.", await File.ReadAllTextAsync(Path.Combine(folder, "incidents", id, "index.html")));
        Assert.Equal(await host.Client.GetStringAsync("/api/v2/summary.json"),
            await File.ReadAllTextAsync(Path.Combine(folder, "api", "v2", "summary.json")));
        foreach (var file in new[] { "history.atom", "history.rss", "maintenance.ics", "api/v2/scheduled-maintenances/active.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }
}
