using EdgeAgent.Hosting;

namespace EdgeAgent.Tests.Hosting;

public sealed class AgentListenOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new AgentListenOptionsValidator().Validate(null, new AgentListenOptions()).Succeeded);

    [Theory]
    [InlineData("listen", "Agent:Listen:Http")]
    [InlineData("agent", "Agent:Listen:AgentCheck")]
    public void Validate_Bad_MessageNamesKey(string problem, string key)
    {
        var options = new AgentListenOptions();
        switch (problem)
        {
            case "listen": options.Http = "https://example.com:9"; break;
            case "agent": options.AgentCheck = "nowhere"; break;
        }

        var result = new AgentListenOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadListenAddress_StopsWithTheKey()
    {
        // Kestrel is configured while the app is built, so the refusal comes from Build, before anything listens.
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => AgentApp.Build(
        [
            "--Agent:Listen:Http=http://example.com:9100", "--Agent:Listen:AgentCheck=127.0.0.1:0",
            "--Agent:Checks:0:Name=load", "--Agent:Checks:0:Kind=load", "--Agent:Checks:0:Warning=2", "--Agent:Checks:0:Critical=4",
        ]));
        Assert.Contains("Agent:Listen:Http", error.Message, StringComparison.Ordinal);
    }
}
