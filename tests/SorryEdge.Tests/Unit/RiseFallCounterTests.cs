using SorryEdge.Health;

namespace SorryEdge.Tests.Unit;

public sealed class RiseFallCounterTests
{
    [Fact]
    public void Record_FailuresBelowFall_StaysUp()
    {
        var counter = new RiseFallCounter(rise: 2, fall: 3, HealthVerdict.Healthy);
        Assert.False(counter.Record(false));
        Assert.False(counter.Record(false));
        Assert.Equal(HealthVerdict.Healthy, counter.State);
        Assert.True(counter.Record(false));
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
    }

    [Fact]
    public void Record_SuccessBetweenFailures_ResetsTheFallCount()
    {
        var counter = new RiseFallCounter(2, 2, HealthVerdict.Healthy);
        counter.Record(false);
        counter.Record(true);
        counter.Record(false);
        Assert.Equal(HealthVerdict.Healthy, counter.State);
    }

    [Fact]
    public void Record_DownThenRiseSuccesses_ComesBackOnlyAfterRise()
    {
        var counter = new RiseFallCounter(3, 1, HealthVerdict.Healthy);
        counter.Record(false);
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
        counter.Record(true);
        counter.Record(true);
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
        Assert.True(counter.Record(true));
        Assert.Equal(HealthVerdict.Healthy, counter.State);
    }

    [Fact]
    public void Record_FlappingEveryOtherProbe_NeverComesBack()
    {
        var counter = new RiseFallCounter(2, 1, HealthVerdict.Healthy);
        counter.Record(false);
        for (var i = 0; i < 20; i++)
        {
            counter.Record(i % 2 == 0);
        }

        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
    }

    [Fact]
    public void Record_UnknownFirstSuccess_HealthyAtOnce()
    {
        var counter = new RiseFallCounter(5, 2);
        Assert.True(counter.Record(true));
        Assert.Equal(HealthVerdict.Healthy, counter.State);
    }

    [Fact]
    public void ForceDown_Passive_DownAtOnceAndNeedsRiseToReturn()
    {
        var counter = new RiseFallCounter(2, 5, HealthVerdict.Healthy);
        Assert.True(counter.ForceDown());
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
        Assert.False(counter.ForceDown());
        counter.Record(true);
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
        counter.Record(true);
        Assert.Equal(HealthVerdict.Healthy, counter.State);
    }

    [Fact]
    public void Constructor_ZeroRise_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiseFallCounter(0, 1));

    [Fact]
    public void IsChanging_OnlyBetweenStates()
    {
        var counter = new RiseFallCounter(2, 2, HealthVerdict.Healthy);
        Assert.False(counter.IsChanging);
        counter.Record(false);
        Assert.True(counter.IsChanging);
        counter.Record(false);
        Assert.Equal(HealthVerdict.Unhealthy, counter.State);
        Assert.False(counter.IsChanging);
        counter.Record(true);
        Assert.True(counter.IsChanging);
        counter.Record(true);
        Assert.Equal(HealthVerdict.Healthy, counter.State);
        Assert.False(counter.IsChanging);
    }
}
