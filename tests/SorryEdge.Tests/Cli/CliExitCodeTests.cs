using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Cli;

/// <summary>Every documented exit code of the built executable, each provoked for real.</summary>
public sealed class CliExitCodeTests(CliEdgeFixture fixture) : IClassFixture<CliEdgeFixture>
{
    [Fact]
    public async Task AnyCommand_NoTokenInEnvironment_Exit2AndSaysWhatToSet()
    {
        var result = await CliRunner.RunAsync(fixture.Url, null, "sites", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SORRYEDGE_TOKEN is not set", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("maintenance", "on")]
    [InlineData("maintenance", "on", "x", "--until", "soonish")]
    [InlineData("tokens", "issue")]
    [InlineData("tokens", "issue", "--staff", "--customer", "acme")]
    [InlineData("page", "upload", "x", "/nonexistent/page.html")]
    [InlineData("schedule", "add", "x", "--start", "1h")]
    [InlineData("sites", "frobnicate")]
    [InlineData("sites")]
    public async Task Command_BadArguments_Exit2WithHint(params string[] args)
    {
        var result = await fixture.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("--help", result.Stderr);
    }

    [Fact]
    public async Task SitesShow_UnknownSite_Exit1WithProblemTitle()
    {
        var result = await fixture.RunAsync("sites", "show", "no-such-site");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("404 Site 'no-such-site' was not found", result.Stderr);
    }

    [Fact]
    public async Task SitesList_EdgeUnreachable_Exit3()
    {
        var result = await CliRunner.RunAsync("http://127.0.0.1:1", EdgeTestHost.Token, "sites", "list");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot be reached", result.Stderr);
    }

    [Fact]
    public async Task SitesList_BadUrlInEnvironment_Exit2()
    {
        var result = await CliRunner.RunAsync("ftp://127.0.0.1/", EdgeTestHost.Token, "sites", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SORRYEDGE_URL", result.Stderr);
    }

    [Fact]
    public async Task SitesList_EdgeAnswers500_Exit4WithTitle()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var broken = builder.Build();
        broken.MapGet("/api/v1/sites", () => Results.Problem(title: "The database is locked", statusCode: 500));
        await broken.StartAsync();

        var result = await CliRunner.RunAsync(broken.Urls.First(), EdgeTestHost.Token, "sites", "list");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("500 The database is locked", result.Stderr);
    }

    [Fact]
    public async Task SitesListAndShow_Json_ParsesAsTheApiAnswer()
    {
        var (site, host) = await fixture.AddSiteAsync("json");

        var list = await fixture.RunAsync("sites", "list", "--json");
        var show = await fixture.RunAsync("--json", "sites", "show", site);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(JsonNode.Parse(list.Stdout)!.AsArray(), s => (string?)s!["id"] == site);
        Assert.Equal(host, (string?)JsonNode.Parse(show.Stdout)!["hostnames"]![0]);
        Assert.NotNull(JsonNode.Parse(show.Stdout)!["state"]!["destinations"]);
    }

    [Fact]
    public async Task Help_Root_Exit0AndDocumentsExitCodes()
    {
        var result = await CliRunner.RunAsync(null, null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Exit codes: 0 success, 1 the API refused", result.Stdout);
        Assert.Contains("maintenance", result.Stdout);
    }
}
