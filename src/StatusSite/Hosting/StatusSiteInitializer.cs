using Microsoft.Extensions.Options;
using StatusSite.Auth;
using StatusSite.Data;
using StatusSite.Demo;
using StatusSite.Public;

namespace StatusSite.Hosting;

/// <summary>Before Kestrel accepts requests: migrate, create the first account, seed the demo, render the site.</summary>
internal sealed partial class StatusSiteInitializer(
    StatusDatabase database, PasswordService passwords, DemoSeeder demo, PublicSiteCache cache,
    IOptions<StatusOptions> options, IOptions<StatusAdminOptions> admin, IOptions<StatusDemoOptions> demoOptions,
    ILogger<StatusSiteInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        if (admin.Value.InitialUser is { Length: > 0 } user && !await passwords.AnyAsync(cancellationToken))
        {
            await passwords.SetAsync(user, admin.Value.InitialPassword!, cancellationToken);
            LogUserCreated(logger, user);
        }

        if (demoOptions.Value.Enabled && await demo.SeedIfEmptyAsync(cancellationToken))
        {
            LogDemoSeeded(logger);
        }

        await cache.RebuildAsync(cancellationToken);
        LogReady(logger, Path.GetFullPath(options.Value.DataDirectory));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the initial staff account {User}")]
    private static partial void LogUserCreated(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo components")]
    private static partial void LogDemoSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status site data loaded from {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string dataDirectory);
}
