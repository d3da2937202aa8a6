using EdgeAgent.Configuration;
using EdgeAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Tests.Api;

public sealed class AgentApiTests
{
    [Fact]
    public async Task Health_Green_ContractShapeAnd200()
    {
        await using var agent = await AgentHost.StartAsync(0);
        var body = await agent.WaitForStatusAsync("green");
        var (code, _) = await agent.HealthAsync();
        Assert.Equal(200, code);
        Assert.Equal(100, body.GetProperty("weight").GetInt32());
        Assert.Equal("test-host", body.GetProperty("host").GetString());
        Assert.True(DateTimeOffset.TryParse(body.GetProperty("generatedAt").GetString(), out _));
        Assert.Empty(body.GetProperty("reasons").EnumerateArray());
        var check = Assert.Single(body.GetProperty("checks").EnumerateArray());
        Assert.Equal("forced", check.GetProperty("name").GetString());
        Assert.Equal("command", check.GetProperty("kind").GetString());
        Assert.Equal("ok", check.GetProperty("status").GetString());
        Assert.True(check.GetProperty("hard").GetBoolean());
        Assert.False(check.GetProperty("flapping").GetBoolean());
        Assert.Equal(0, check.GetProperty("value").GetDouble());
        foreach (var key in new[] { "unit", "message", "since", "lastRun" })
        {
            Assert.True(check.TryGetProperty(key, out _), key);
        }

        Assert.Equal("up 100%\n", await agent.AgentCheckReplyAsync());
    }

    [Fact]
    public async Task Health_CommandWarning_OrangeWithReasonAndWeight()
    {
        await using var agent = await AgentHost.StartAsync(1, "--Agent:OrangeWeight=30");
        var body = await agent.WaitForStatusAsync("orange");
        Assert.Equal(30, body.GetProperty("weight").GetInt32());
        var reason = Assert.Single(body.GetProperty("reasons").EnumerateArray());
        Assert.Equal("forced", reason.GetProperty("check").GetString());
        Assert.Equal("warning", reason.GetProperty("status").GetString());
        Assert.Equal(1, reason.GetProperty("value").GetDouble());
        Assert.StartsWith("FORCED WARNING", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await agent.HealthAsync()).Code);
        Assert.Equal("up 30%\n", await agent.AgentCheckReplyAsync());
    }

    [Fact]
    public async Task Health_TurnsRedThenGreen_503AndDownThenUp()
    {
        await using var agent = await AgentHost.StartAsync(0);
        await agent.WaitForStatusAsync("green");
        agent.SetState(2);
        var red = await agent.WaitForStatusAsync("red");
        Assert.Equal(0, red.GetProperty("weight").GetInt32());
        Assert.Equal(503, (await agent.HealthAsync()).Code);
        Assert.Equal("down\n", await agent.AgentCheckReplyAsync());
        agent.SetState(0);
        await agent.WaitForStatusAsync("green");
        Assert.Equal("up 100%\n", await agent.AgentCheckReplyAsync());
    }

    [Fact]
    public async Task Health_UnknownExitCode_OrangeNeverGreen()
    {
        await using var agent = await AgentHost.StartAsync(3);
        var body = await agent.WaitForStatusAsync("orange");
        Assert.Equal("unknown", body.GetProperty("reasons")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Board_IndexAndCheckPage_RenderStatusAndSparkline()
    {
        await using var agent = await AgentHost.StartAsync(2);
        await agent.WaitForStatusAsync("red");
        var index = await agent.Http.GetStringAsync("/");
        Assert.Contains("Verdict: RED", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/checks/forced\"", index, StringComparison.Ordinal);
        Assert.Contains("CRITICAL", index, StringComparison.Ordinal);
        await Poll.UntilAsync(() => agent.Http.GetStringAsync("/checks/forced"), p => p.Contains("<circle", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "a sparkline point");
        var page = await agent.Http.GetStringAsync("/checks/forced");
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("class=\"threshold", page, StringComparison.Ordinal);
        Assert.Contains("FORCED CRITICAL", page, StringComparison.Ordinal);
        var missing = await agent.Http.GetAsync("/checks/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_CommandOverTimeout_UnknownWithReason()
    {
        await using var agent = await AgentHost.StartAsync(0,
            "--Agent:Checks:1:Name=slow", "--Agent:Checks:1:Kind=command", "--Agent:Checks:1:Command=/bin/sleep",
            "--Agent:Checks:1:Arguments:0=30", "--Agent:Checks:1:Timeout=00:00:00.3", "--Agent:Checks:1:MaxAttempts=1");
        var body = await agent.WaitForStatusAsync("orange");
        var reason = Assert.Single(body.GetProperty("reasons").EnumerateArray());
        Assert.Equal("slow", reason.GetProperty("check").GetString());
        Assert.Equal("unknown", reason.GetProperty("status").GetString());
        Assert.Contains("timed out", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NoChecksConfigured_UsesSampleWebMailDatabaseHost()
    {
        using var dir = new TempDirectory();
        await using var app = AgentApp.Build(["--Agent:Listen:Http=http://127.0.0.1:0", "--Agent:Listen:AgentCheck=127.0.0.1:0",
            $"--Agent:DataDirectory={dir.Path}", "--Agent:OrangeWeight=42"]);
        var options = app.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var kinds = options.Checks.Select(c => c.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "load", "memory", "disk", "process", "http", "smtp", "tcp", "command", "readonly" }, kinds);
        Assert.Contains(options.Checks, c => c.Name == "mariadb-rss");
        Assert.Equal(42, options.OrangeWeight);
    }

    [Fact]
    public async Task Build_BadConfiguration_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AgentHost.StartAsync(0, "--Agent:Checks:0:Warning=abc"));
        Assert.Contains("Agent:Checks:0:Warning", error.Message, StringComparison.Ordinal);
    }
}
