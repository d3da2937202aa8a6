using Microsoft.AspNetCore.Authentication;

namespace SorryEdge.Admin;

/// <summary>Wires the bearer token scheme and the admin policies; each policy names its scheme, none is a default.</summary>
internal static class AdminAuthServiceCollectionExtensions
{
    public static IServiceCollection AddAdminAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminAuthNames.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthNames.SiteOwnerPolicy, p => p.AddAuthenticationSchemes(AdminAuthNames.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminAuthNames.StaffPolicy, p => p.AddAuthenticationSchemes(AdminAuthNames.Scheme).RequireAuthenticatedUser()
                .RequireClaim(AdminAuthNames.StaffClaim, "true"));
        return services;
    }
}
