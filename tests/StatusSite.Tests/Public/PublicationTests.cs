using System.Net.Http.Json;
using StatusSite.Tests.Infrastructure;

namespace StatusSite.Tests.Public;

/// <summary>What the edge reports stays off the public page until staff publish it; causes are for staff only.</summary>
public sealed class PublicationTests
{
    private static readonly string[] PublicPaths =
        ["/", "/history.atom", "/history.rss", "/api/v2/summary.json", "/api/v2/components.json", "/api/v2/status.json"];

    [Fact]
    public async Task Ingest_SiteReportedDown_HiddenFromPageFeedsAndJsonUntilStaffPublishIt()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("network", "Network");
        await IngestAsync(host, "e1", "shop-example", "major_outage", "site.published: every backend is down (last: 10.0.0.7:8080 connection refused)");

        foreach (var path in PublicPaths)
        {
            var text = await host.Client.GetStringAsync(path);
            Assert.DoesNotContain("shop-example", text);
            Assert.DoesNotContain("10.0.0.7", text);
        }

        var status = await host.GetJsonAsync("/api/v2/status.json");
        Assert.Equal("none", (string)status["status"]!["indicator"]!);

        using var publish = await host.Staff.PutAsJsonAsync("/api/v1/components/shop-example", new { name = "Shop", status = "major_outage", hidden = false });
        publish.EnsureSuccessStatusCode();

        var components = await host.Client.GetStringAsync("/api/v2/components.json");
        Assert.Contains("\"shop-example\"", components);
        var index = await host.Client.GetStringAsync("/");
        Assert.Contains("Shop", index);
        Assert.DoesNotContain("10.0.0.7", index);
        Assert.Equal("major", (string)(await host.GetJsonAsync("/api/v2/status.json"))["status"]!["indicator"]!);
    }

    [Fact]
    public async Task Ingest_SiteMappedToPublishedComponent_ChangesThatComponent()
    {
        await using var host = await StatusSiteHost.StartAsync();
        await host.PutComponentAsync("cluster-3", "Cluster 3", group: "Shared hosting");
        await host.PutComponentAsync("mail", "Mail");

        await IngestAsync(host, "e2", "cluster-3", "degraded_performance", "flapping: the backends changed state too often");

        var summary = await host.GetJsonAsync("/api/v2/summary.json");
        var component = summary["components"]!.AsArray().Single(c => (string)c!["id"]! == "cluster-3")!;
        Assert.Equal("degraded_performance", (string)component["status"]!);
        Assert.Equal("minor", (string)summary["status"]!["indicator"]!);
        Assert.Equal("Partially Degraded Service", (string)summary["status"]!["description"]!);
        var index = await host.Client.GetStringAsync("/");
        Assert.Contains("flapping", index);
        Assert.DoesNotContain("changed state too often", index);
    }

    private static async Task IngestAsync(StatusSiteHost host, string id, string component, string status, string cause)
    {
        using var response = await host.Ingest.PostAsJsonAsync("/api/v1/ingest/events", new
        {
            id,
            source = "edge",
            component,
            componentName = component,
            group = "Customer sites",
            status,
            cause,
            occurredAt = DateTimeOffset.UtcNow,
        });
        response.EnsureSuccessStatusCode();
    }
}
