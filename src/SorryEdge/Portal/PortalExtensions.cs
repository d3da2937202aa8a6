using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Http;

namespace SorryEdge.Portal;

/// <summary>Wires the customer and staff portal on the admin listener under <c>/portal</c>.</summary>
internal static class PortalExtensions
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        // The default authenticate scheme (and the only default), so UseAuthentication reads the
        // cookie before UseAntiforgery and form tokens are bound to the session. Only admin listener
        // requests get that far. Portal endpoints still check the session themselves
        // (PortalSessionFilter); the API's policies name the bearer token scheme and ignore it.
        services.AddAuthentication(o => o.DefaultAuthenticateScheme = PortalAuth.Scheme).AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = PortalAuth.CookieName;
            o.Cookie.Path = "/portal";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/portal/login";
        });

        // Secure whenever people reach the portal over https (the admin listener itself or a TLS proxy in front of it).
        services.AddOptions<CookieAuthenticationOptions>(PortalAuth.Scheme).Configure<IOptions<EdgeOptions>>((o, edge) =>
        {
            if (PortalAuth.IsHttpsPublic(edge.Value))
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<EdgeOptions>>((o, edge) =>
        {
            if (PortalAuth.IsHttpsPublic(edge.Value))
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });

        // Session cookies and preview tickets stay valid across restarts: keys live beside the database.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<EdgeOptions>, ILoggerFactory>((o, edge, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(Path.GetFullPath(edge.Value.DataDirectory), "keys")), logs));
        services.AddSingleton<PortalPreviewTickets>();
        services.AddSingleton<PortalSessionStore>();
        services.AddSingleton<PortalAuth>();
        services.AddSingleton<PortalSitePage>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder endpoints)
    {
        // HTML pages, not API: kept out of the OpenAPI document.
        var portal = endpoints.MapGroup("/portal").WithMetadata(AdminEndpointMetadata.Instance).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription()
            .AddEndpointFilter<PortalFormTokenFilter>();
        PortalLoginPages.Map(portal);
        portal.MapGet("/preview/{ticket}/{**path}", PortalPageActions.ServeTicketAsync);

        var session = portal.MapGroup("").AddEndpointFilter<PortalSessionFilter>().AddEndpointFilter<PortalAntiforgeryFilter>();
        session.MapGet("", PortalSitesPage.ShowAsync);
        session.MapGet("/sites/{id}", PortalSitePage.ShowAsync);
        var site = session.MapGroup("/sites/{id}").AddEndpointFilter<PortalSiteFilter>();
        PortalSiteActions.Map(site);
        PortalPageActions.Map(site);
        PortalCustomersPage.Map(session);
        PortalClusterPage.Map(session);
        return endpoints;
    }
}
