using SorryEdge.Cli;
using SorryEdge.Hosting;

// "SorryEdge sites list" and the other admin subcommands run the CLI instead of the server.
if (EdgeCli.Handles(args)) { return await EdgeCli.RunAsync(args); }

// Content root is the app's folder (appsettings.json); relative data paths follow the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSorryEdge();

var app = builder.Build();
await app.InitializeSorryEdgeAsync();
app.MapSorryEdge();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the real edge.</summary>
public partial class Program;
