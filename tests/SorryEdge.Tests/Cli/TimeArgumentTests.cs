using SorryEdge.Cli;

namespace SorryEdge.Tests.Cli;

public sealed class TimeArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("2h", 120)]
    [InlineData("1h30m", 90)]
    [InlineData("1d", 1440)]
    [InlineData("90s", 1.5)]
    public void TryParse_Duration_CountsForwardFromNow(string text, double minutes)
    {
        Assert.True(TimeArgument.TryParse(text, Now, past: false, out var value));
        Assert.Equal(Now.AddMinutes(minutes), value);
    }

    [Fact]
    public void TryParse_DurationInThePast_CountsBack()
    {
        Assert.True(TimeArgument.TryParse("2h", Now, past: true, out var value));
        Assert.Equal(Now.AddHours(-2), value);
    }

    [Theory]
    [InlineData("2026-11-22T18:00:00Z")]
    [InlineData("2026-11-22T19:00:00+01:00")]
    [InlineData("2026-11-22T18:00:00")]
    public void TryParse_Iso8601_ExactInstantAndUtcWithoutOffset(string text)
    {
        Assert.True(TimeArgument.TryParse(text, Now, past: false, out var value));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5q")]
    [InlineData("0m")]
    [InlineData("-30m")]
    public void TryParse_Nonsense_False(string text) =>
        Assert.False(TimeArgument.TryParse(text, Now, past: false, out _));
}
