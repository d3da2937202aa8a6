using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class FlapDetectorTests
{
    [Fact]
    public void Record_SteadyState_IsNotFlapping()
    {
        var flap = new FlapDetector(5, 20);
        for (var i = 0; i < 30; i++)
        {
            flap.Record(CheckStatus.Ok);
        }

        Assert.False(flap.IsFlapping);
        Assert.Equal(0, flap.PercentStateChange);
    }

    [Fact]
    public void Record_Alternating_StartsFlappingAndHoldsWorst()
    {
        var flap = new FlapDetector(5, 20);
        for (var i = 0; i < 6; i++)
        {
            flap.Record(i % 2 == 0 ? CheckStatus.Ok : CheckStatus.Critical);
        }

        Assert.True(flap.IsFlapping);
        Assert.Equal(CheckStatus.Critical, flap.WorstInWindow);
    }

    [Fact]
    public void Record_EveryResultChanges_IsHundredPercent()
    {
        var flap = new FlapDetector(5, 20);
        for (var i = 0; i < FlapDetector.WindowSize; i++)
        {
            flap.Record(i % 2 == 0 ? CheckStatus.Ok : CheckStatus.Warning);
        }

        Assert.Equal(100, flap.PercentStateChange, precision: 6);
    }

    [Fact]
    public void Record_NewerChangesWeighMore_ThanOlderOnes()
    {
        var old = new FlapDetector(5, 90);
        var recent = new FlapDetector(5, 90);
        for (var i = 0; i < FlapDetector.WindowSize; i++)
        {
            old.Record(i < 2 ? CheckStatus.Critical : CheckStatus.Ok);
            recent.Record(i < FlapDetector.WindowSize - 1 ? CheckStatus.Ok : CheckStatus.Critical);
        }

        Assert.True(recent.PercentStateChange > old.PercentStateChange);
    }

    [Fact]
    public void Record_SteadyAfterFlapping_StopsBelowLowThreshold()
    {
        var flap = new FlapDetector(5, 20);
        for (var i = 0; i < 8; i++)
        {
            flap.Record(i % 2 == 0 ? CheckStatus.Ok : CheckStatus.Critical);
        }

        Assert.True(flap.IsFlapping);
        var steps = 0;
        while (flap.IsFlapping && steps < 50)
        {
            flap.Record(CheckStatus.Ok);
            steps++;
        }

        Assert.False(flap.IsFlapping);
        Assert.True(steps > 5, $"stopped flapping after only {steps} steady results");
        Assert.True(flap.PercentStateChange < 5);
    }
}
