using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace StatusSite.Auth;

/// <summary>Wires bearer tokens for the APIs, cookie login for the console and login rate limiting.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddStaffAuth(this IServiceCollection services)
    {
        services.AddOptions<StatusAdminOptions>().BindConfiguration(StatusAdminOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusAdminOptions>, StatusAdminOptionsValidator>();
        services.AddSingleton<TokenSet>();
        services.AddSingleton<PasswordService>();
        services.AddAuthentication(AuthNames.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthNames.BearerScheme, null)
            .AddCookie(AuthNames.CookieScheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.Cookie.Name = "status_staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthNames.StaffApiPolicy, p => p.AddAuthenticationSchemes(AuthNames.BearerScheme).RequireRole(AuthNames.StaffRole))
            .AddPolicy(AuthNames.IngestPolicy, p => p.AddAuthenticationSchemes(AuthNames.BearerScheme).RequireRole(AuthNames.IngestRole))
            .AddPolicy(AuthNames.ConsolePolicy, p => p.AddAuthenticationSchemes(AuthNames.CookieScheme).RequireRole(AuthNames.StaffRole));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "status_af";
            o.FormFieldName = "__af";
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthNames.LoginRateLimit, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<StatusAdminOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
