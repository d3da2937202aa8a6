using System.Text.Json.Nodes;

namespace SorryEdge.Tests.Cli;

/// <summary>The built executable managing customers and tokens, and seeing only what its token may see.</summary>
public sealed class CliAccessTests(CliEdgeFixture fixture) : IClassFixture<CliEdgeFixture>
{
    [Fact]
    public async Task CustomerToken_IssuedByCli_SitesListShowsOnlyOwnSites()
    {
        Assert.Equal(0, (await fixture.RunAsync("customers", "create", "acme", "--name", "Acme Ltd")).ExitCode);
        Assert.Equal(0, (await fixture.RunAsync("customers", "create", "globex", "--name", "Globex")).ExitCode);
        var (own, _) = await fixture.AddSiteAsync("acme", customer: "acme");
        var (other, _) = await fixture.AddSiteAsync("globex", customer: "globex");

        var issue = await fixture.RunAsync("tokens", "issue", "--customer", "acme", "--name", "acme-ci", "--json");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        var token = (string)JsonNode.Parse(issue.Stdout)!["token"]!;

        var list = await CliRunner.RunAsync(fixture.Url, token, "sites", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal([own], JsonNode.Parse(list.Stdout)!.AsArray().Select(s => (string)s!["id"]!));
        var text = await CliRunner.RunAsync(fixture.Url, token, "sites", "list");
        Assert.Contains(own, text.Stdout);
        Assert.DoesNotContain(other, text.Stdout);

        var foreign = await CliRunner.RunAsync(fixture.Url, token, "maintenance", "on", other);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("was not found", foreign.Stderr);
        Assert.Equal("auto", (string?)(await fixture.Edge.GetSiteAsync(other))["mode"]);

        var staffOnly = await CliRunner.RunAsync(fixture.Url, token, "customers", "create", "evil", "--name", "Evil");
        Assert.Equal(1, staffOnly.ExitCode);
        Assert.Contains("403", staffOnly.Stderr);
    }

    [Fact]
    public async Task TokensRevoke_IssuedStaffToken_RefusedAfterwards()
    {
        var issue = await fixture.RunAsync("tokens", "issue", "--staff", "--name", "ops laptop");
        Assert.True(issue.ExitCode == 0, issue.ToString());
        Assert.Contains("Its secret is shown only now", issue.Stdout);
        var lines = issue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var secret = lines[^1];
        var tokenId = lines[0].Split(' ')[1];

        var listed = await fixture.RunAsync("tokens", "list");
        Assert.Contains(tokenId, listed.Stdout);
        Assert.Contains("ops laptop", listed.Stdout);
        Assert.DoesNotContain(secret, listed.Stdout);
        Assert.Equal(0, (await CliRunner.RunAsync(fixture.Url, secret, "customers", "list")).ExitCode);

        var revoke = await fixture.RunAsync("tokens", "revoke", tokenId);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());

        var refused = await CliRunner.RunAsync(fixture.Url, secret, "customers", "list");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401 The token is not valid", refused.Stderr);
    }

    [Fact]
    public async Task CustomersList_AfterCreate_ShowsCustomerAndJsonParses()
    {
        var create = await fixture.RunAsync("customers", "create", "initech", "--name", "Initech");
        Assert.True(create.ExitCode == 0, create.ToString());

        var text = await fixture.RunAsync("customers", "list");
        Assert.Contains("initech", text.Stdout);
        Assert.Contains("Initech", text.Stdout);
        var json = await fixture.RunAsync("customers", "list", "--json");
        Assert.Contains(JsonNode.Parse(json.Stdout)!.AsArray(), c => (string?)c!["id"] == "initech");

        var duplicate = await fixture.RunAsync("customers", "create", "initech", "--name", "Initech again");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("409", duplicate.Stderr);
    }
}
