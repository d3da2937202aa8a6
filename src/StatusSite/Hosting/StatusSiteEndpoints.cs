using StatusSite.Console;
using StatusSite.Ingest;
using StatusSite.Public;
using StatusSite.Staff;
using StatusSite.Subscribers;

namespace StatusSite.Hosting;

/// <summary>Middleware order and every feature's endpoints.</summary>
internal static class StatusSiteEndpoints
{
    public static WebApplication MapStatusSite(this WebApplication app)
    {
        // Public documents are answered before routing (called here so WebApplication does not put it first).
        app.UseMiddleware<PublicSiteMiddleware>();
        app.UseRouting();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPublicSite();
        app.MapStaffApi();
        app.MapIngest();
        app.MapConsole();
        app.MapSubscribers();
        return app;
    }
}
