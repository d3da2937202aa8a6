using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Sites;

namespace SorryEdge.Demo;

/// <summary>Starts the demo backend, seeds the demo site and prints where everything is.</summary>
internal sealed class DemoStartup(DemoBackend backend, SiteService sites, SiteCatalog catalog, IServer server, IHostApplicationLifetime lifetime, IOptions<EdgeOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await backend.StartBackendAsync(cancellationToken);
        await DemoSeeder.SeedAsync(sites, catalog, backend, cancellationToken);
        lifetime.ApplicationStarted.Register(PrintBanner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => backend.StopBackendAsync(cancellationToken);

    private void PrintBanner()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var o = options.Value;
        Console.WriteLine($"""

            ==================== SorryEdge demo ====================
              Edge (data plane):  {o.Listen.Http}   (try: curl -i {o.Listen.Http}/ )
              Admin API:          {o.Listen.Admin}/api/v1/sites
              Demo backend:       {backend.Url}   (stop/start: {o.Listen.Admin}/demo)
              Status site:        {o.Demo.StatusSiteUrl ?? "(not started)"}
              Staff token:        {o.Admin.BootstrapToken ?? "(none: set Edge__Admin__BootstrapToken)"}
              Metrics:            {o.Listen.Admin}/metrics
              Bound:              {string.Join(", ", addresses)}
            ========================================================

            """);
    }
}
