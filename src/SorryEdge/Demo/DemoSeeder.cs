using SorryEdge.Sites;

namespace SorryEdge.Demo;

/// <summary>Creates the demo site in front of the demo backend, unless it exists already.</summary>
internal static class DemoSeeder
{
    public const string SiteId = "demo";

    public static async Task SeedAsync(SiteService sites, SiteCatalog catalog, DemoBackend backend, CancellationToken cancellationToken)
    {
        if (catalog.Find(SiteId) is not null || backend.Url is null)
        {
            return;
        }

        var site = new Site
        {
            Id = SiteId,
            Name = "Demo shop",
            Hostnames = ["localhost", "127.0.0.1", "demo.localhost"],
            Backends = [new SiteBackend { Url = backend.Url }],
            Health = new SiteHealthSettings { Path = "/health" },
            Message = "The demo shop is down for a moment. The edge is answering for it.",
            RetryAfterSeconds = 60,
            Redirect = new RedirectSettings { Url = "https://status.example.test/", Status = 302 },
        };
        await sites.PutAsync(site, "demo-seed", cancellationToken);
    }
}
