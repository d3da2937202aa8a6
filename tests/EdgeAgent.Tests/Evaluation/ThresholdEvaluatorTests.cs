using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class ThresholdEvaluatorTests
{
    private static ThresholdEvaluator Disk(double hysteresis = 0) =>
        new(NagiosRange.Parse("80"), NagiosRange.Parse("90"), hysteresis);

    [Theory]
    [InlineData(50, "Ok")]
    [InlineData(85, "Warning")]
    [InlineData(95, "Critical")]
    public void Evaluate_NoHysteresis_UsesThresholds(double value, string expected)
    {
        Assert.Equal(Enum.Parse<CheckStatus>(expected), Disk().Evaluate(value, CheckStatus.Ok));
    }

    [Fact]
    public void Evaluate_InsideClearBand_HoldsPreviousLevel()
    {
        var evaluator = Disk(hysteresis: 5);
        Assert.Equal(CheckStatus.Warning, evaluator.Evaluate(81, CheckStatus.Ok));
        Assert.Equal(CheckStatus.Warning, evaluator.Evaluate(78, CheckStatus.Warning));
        Assert.Equal(CheckStatus.Ok, evaluator.Evaluate(74, CheckStatus.Warning));
    }

    [Fact]
    public void Evaluate_CriticalDroppingIntoWarningBand_StepsDownOnlyPastBand()
    {
        var evaluator = Disk(hysteresis: 3);
        Assert.Equal(CheckStatus.Critical, evaluator.Evaluate(88, CheckStatus.Critical));
        Assert.Equal(CheckStatus.Warning, evaluator.Evaluate(86, CheckStatus.Critical));
    }

    [Fact]
    public void Evaluate_WorseningWithHysteresis_EntersAtThreshold()
    {
        Assert.Equal(CheckStatus.Critical, Disk(hysteresis: 5).Evaluate(90.5, CheckStatus.Ok));
    }

    [Fact]
    public void Evaluate_LowerBoundRange_ClearsAboveBand()
    {
        var memory = new ThresholdEvaluator(NagiosRange.Parse("15:"), NagiosRange.Parse("5:"), 2);
        Assert.Equal(CheckStatus.Warning, memory.Evaluate(14, CheckStatus.Ok));
        Assert.Equal(CheckStatus.Warning, memory.Evaluate(16, CheckStatus.Warning));
        Assert.Equal(CheckStatus.Ok, memory.Evaluate(17.5, CheckStatus.Warning));
    }
}
