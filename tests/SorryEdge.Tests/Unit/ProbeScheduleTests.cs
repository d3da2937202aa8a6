using Microsoft.Extensions.Time.Testing;
using SorryEdge.Health;

namespace SorryEdge.Tests.Unit;

public sealed class ProbeScheduleTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<TaskCompletionSource> _rounds = [];

    [Fact]
    public void Arm_Due_StartsOneRoundAtTheDueTime()
    {
        using var schedule = new ProbeSchedule("s");
        schedule.Arm(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), RoundAsync);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(_rounds);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(_rounds);
    }

    [Fact]
    public void ArmAndArmSooner_WhileARoundRuns_NoSecondRoundUntilItEnds()
    {
        using var schedule = new ProbeSchedule("s");
        schedule.Arm(_time, TimeSpan.Zero, TimeSpan.FromSeconds(1), RoundAsync);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(_rounds);

        // A changed interval and a request finding the backend dead, both mid-round.
        schedule.Arm(_time, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5), RoundAsync);
        schedule.ArmSooner(_time, TimeSpan.FromMilliseconds(10), RoundAsync);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(_rounds);
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Period);

        // The round's own end arms the next one.
        schedule.Arm(_time, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), RoundAsync, endOfRound: true);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, _rounds.Count);
    }

    [Fact]
    public void ArmSooner_Idle_BringsTheRoundForwardButNeverDelaysIt()
    {
        using var schedule = new ProbeSchedule("s");
        schedule.Arm(_time, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), RoundAsync);

        schedule.ArmSooner(_time, TimeSpan.FromMilliseconds(250), RoundAsync);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Single(_rounds);

        schedule.Arm(_time, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), RoundAsync, endOfRound: true);
        schedule.ArmSooner(_time, TimeSpan.FromSeconds(5), RoundAsync);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, _rounds.Count);
    }

    [Fact]
    public void Dispose_ArmedSchedule_NeverRuns()
    {
        var schedule = new ProbeSchedule("s");
        schedule.Arm(_time, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), RoundAsync);
        schedule.Dispose();
        schedule.Arm(_time, TimeSpan.Zero, TimeSpan.FromSeconds(1), RoundAsync);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(_rounds);
    }

    private Task RoundAsync(ProbeSchedule schedule)
    {
        var round = new TaskCompletionSource();
        _rounds.Add(round);
        return round.Task;
    }
}
