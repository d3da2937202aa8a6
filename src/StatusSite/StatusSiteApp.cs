using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Serilog;
using StatusSite.Auth;
using StatusSite.Data;
using StatusSite.Export;
using StatusSite.Hosting;

namespace StatusSite;

/// <summary>
/// Entry points of the status site. Tests and the edge's tests host it in-process:
/// <c>var app = StatusSiteApp.Build(["--Status:DataDirectory=/tmp/x", "--Status:Listen:Http=http://127.0.0.1:0"]);
/// await app.StartAsync(); var url = StatusSiteApp.BoundAddress(app);</c> … <c>await app.StopAsync();</c>
/// </summary>
public static class StatusSiteApp
{
    /// <summary>Builds the web application; <paramref name="configure"/> runs after the site's own registrations (e.g. to swap TimeProvider).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Defaults live in code (options initializers, these log levels) rather than in an appsettings.json, so that a
        // test project referencing both the edge and this site gets no clash of two appsettings.json files.
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        builder.WebHost.UseUrls(builder.Configuration["Status:Listen:Http"] ?? new StatusListenOptions().Http);
        builder.Services.AddStatusSite();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapStatusSite();
        return app;
    }

    /// <summary>The first address Kestrel bound, e.g. "http://127.0.0.1:41234" when listening on port 0.</summary>
    public static string BoundAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Runs the site, or a subcommand: <c>export FOLDER</c>, <c>create-user NAME</c> (password on stdin).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        switch (command)
        {
            case null:
                await Build(args).RunAsync();
                return 0;
            case "export" when args.Length >= 2:
                return await ExportAsync(args[1], args[2..]);
            case "create-user" when args.Length >= 2:
                return await CreateUserAsync(args[1], args[2..]);
            default:
                await System.Console.Error.WriteLineAsync("usage: StatusSite [export FOLDER | create-user NAME] [--Status:Key=value ...]");
                return 2;
        }
    }

    private static async Task<int> ExportAsync(string folder, string[] args)
    {
        await using var app = Build(args);
        await app.Services.GetRequiredService<StatusDatabase>().MigrateAsync(CancellationToken.None);
        var count = await app.Services.GetRequiredService<StaticExporter>().ExportAsync(folder, CancellationToken.None);
        await System.Console.Out.WriteLineAsync($"exported {count} documents to {Path.GetFullPath(folder)}");
        return 0;
    }

    private static async Task<int> CreateUserAsync(string user, string[] args)
    {
        var password = Environment.GetEnvironmentVariable("STATUS_NEW_PASSWORD") ?? await System.Console.In.ReadLineAsync();
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            await System.Console.Error.WriteLineAsync("a password of at least 10 characters is required (stdin or STATUS_NEW_PASSWORD)");
            return 2;
        }

        await using var app = Build(args);
        await app.Services.GetRequiredService<StatusDatabase>().MigrateAsync(CancellationToken.None);
        await app.Services.GetRequiredService<PasswordService>().SetAsync(user, password, CancellationToken.None);
        await System.Console.Out.WriteLineAsync($"staff account '{user}' saved");
        return 0;
    }
}
