using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SorryEdge.Admin;

/// <summary>
/// Wires the admin API: token validation and the bearer scheme with its policies (each policy names
/// its scheme, none is a default), the audit log, the guess throttle, the JSON body reader and OpenAPI.
/// </summary>
internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<BootstrapTokenValidator>();
        services.TryAddSingleton<IAdminTokenValidator, CompositeTokenValidator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditSampler>();
        services.AddSingleton<GuessThrottle>();
        services.AddSingleton<JsonBody>();
        services.AddOpenApi();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminAuthNames.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthNames.SiteOwnerPolicy, p => p.AddAuthenticationSchemes(AdminAuthNames.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminAuthNames.StaffPolicy, p => p.AddAuthenticationSchemes(AdminAuthNames.Scheme).RequireAuthenticatedUser()
                .RequireClaim(AdminAuthNames.StaffClaim, "true"));
        return services;
    }
}
