using SorryEdge.Hosting;

// Content root is the app's folder (appsettings.json); relative data paths follow the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSorryEdge();

var app = builder.Build();
await app.InitializeSorryEdgeAsync();
app.MapSorryEdge();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the real edge.</summary>
public partial class Program;
