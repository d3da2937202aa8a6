using EdgeAgent.Configuration;

namespace EdgeAgent.Tests.Configuration;

public sealed class AgentOptionsValidatorTests
{
    private static AgentOptions Valid() => new()
    {
        Checks = [new CheckOptions { Name = "load", Kind = "load", Warning = "2", Critical = "4" }],
    };

    [Fact]
    public void Validate_Good_Succeeds()
    {
        Assert.True(new AgentOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_BadRange_NamesTheKey()
    {
        var options = Valid();
        options.Checks.Add(new CheckOptions { Name = "disk", Kind = "disk", Path = "/", Warning = "80x" });
        var result = new AgentOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Agent:Checks:1:Warning", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind", "Agent:Checks:0:Kind")]
    [InlineData("process", "Agent:Checks:0:ProcessName")]
    [InlineData("duplicate", "Agent:Checks:1:Name")]
    [InlineData("weight", "Agent:OrangeWeight")]
    public void Validate_Bad_MessageNamesKey(string problem, string key)
    {
        var options = Valid();
        switch (problem)
        {
            case "kind": options.Checks[0].Kind = "cpu-magic"; break;
            case "process": options.Checks[0] = new CheckOptions { Name = "p", Kind = "process" }; break;
            case "duplicate": options.Checks.Add(new CheckOptions { Name = "LOAD", Kind = "load" }); break;
            case "weight": options.OrangeWeight = 0; break;
        }

        var result = new AgentOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
