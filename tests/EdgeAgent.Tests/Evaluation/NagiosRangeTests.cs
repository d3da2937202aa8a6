using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class NagiosRangeTests
{
    [Theory]
    [InlineData("10", 11, true)]
    [InlineData("10", 10, false)]
    [InlineData("10", -1, true)]
    [InlineData("10:", 9.9, true)]
    [InlineData("10:", 1000, false)]
    [InlineData("~:10", -1000, false)]
    [InlineData("~:10", 10.1, true)]
    [InlineData("10:20", 15, false)]
    [InlineData("10:20", 21, true)]
    [InlineData("@10:20", 15, true)]
    [InlineData("@10:20", 9, false)]
    public void Alerts_NagiosSyntax_FollowsPluginGuidelines(string text, double value, bool expected)
    {
        Assert.Equal(expected, NagiosRange.Parse(text).Alerts(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("20:10")]
    [InlineData("1:x")]
    public void TryParse_Invalid_ReturnsFalseWithError(string text)
    {
        Assert.False(NagiosRange.TryParse(text, out var range, out var error));
        Assert.Null(range);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Alerts_WithMargin_WidensAlertRegion()
    {
        var range = NagiosRange.Parse("80");
        Assert.False(range.Alerts(76));
        Assert.True(range.Alerts(76, margin: 5));
    }
}
