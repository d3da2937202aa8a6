using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class VerdictAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CheckSnapshot Check(string name, CheckStatus status, bool hard = true) =>
        new(name, "command", status, hard, false, 0, 1, string.Empty, "m", Now, Now, 1);

    [Fact]
    public void Aggregate_AllOk_GreenFullWeight()
    {
        var verdict = VerdictAggregator.Aggregate([Check("a", CheckStatus.Ok), Check("b", CheckStatus.Ok)], 50);
        Assert.Equal(VerdictColor.Green, verdict.Color);
        Assert.Equal(100, verdict.Weight);
        Assert.Empty(verdict.Reasons);
    }

    [Theory]
    [InlineData("Warning")]
    [InlineData("Unknown")]
    public void Aggregate_HardWarningOrUnknown_OrangeConfiguredWeight(string status)
    {
        var verdict = VerdictAggregator.Aggregate([Check("a", CheckStatus.Ok), Check("b", Enum.Parse<CheckStatus>(status))], 40);
        Assert.Equal(VerdictColor.Orange, verdict.Color);
        Assert.Equal(40, verdict.Weight);
        Assert.Equal("b", Assert.Single(verdict.Reasons).Name);
    }

    [Fact]
    public void Aggregate_HardCritical_RedZeroWeightCriticalFirst()
    {
        var verdict = VerdictAggregator.Aggregate([Check("w", CheckStatus.Warning), Check("c", CheckStatus.Critical)], 50);
        Assert.Equal(VerdictColor.Red, verdict.Color);
        Assert.Equal(0, verdict.Weight);
        Assert.Equal("c", verdict.Reasons[0].Name);
    }

    [Fact]
    public void Aggregate_SoftCritical_NotCounted()
    {
        var verdict = VerdictAggregator.Aggregate([Check("c", CheckStatus.Critical, hard: false)], 50);
        Assert.Equal(VerdictColor.Green, verdict.Color);
    }
}
