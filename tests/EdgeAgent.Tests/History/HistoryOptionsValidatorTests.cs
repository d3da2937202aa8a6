using EdgeAgent.History;

namespace EdgeAgent.Tests.History;

public sealed class HistoryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new HistoryOptionsValidator().Validate(null, new HistoryOptions()).Succeeded);

    [Fact]
    public void Validate_BadBounds_MessagesNameTheKeys()
    {
        var options = new HistoryOptions { MaxAge = TimeSpan.Zero, MaxRowsPerCheck = 9, PruneInterval = TimeSpan.FromSeconds(-1) };

        var result = new HistoryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Agent:History:MaxAge", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Agent:History:MaxRowsPerCheck", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Agent:History:PruneInterval", result.FailureMessage, StringComparison.Ordinal);
    }
}
