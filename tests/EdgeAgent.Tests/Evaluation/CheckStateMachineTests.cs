using EdgeAgent.Evaluation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Evaluation;

public sealed class CheckStateMachineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    private CheckStateMachine Create(int maxAttempts = 3, double hysteresis = 0) =>
        new("disk-root", "disk", new ThresholdEvaluator(NagiosRange.Parse("80"), NagiosRange.Parse("90"), hysteresis),
            maxAttempts, 5, 20, _time.GetUtcNow());

    private CheckSnapshot Step(CheckStateMachine machine, double? value, CheckStatus status = CheckStatus.Ok)
    {
        _time.Advance(TimeSpan.FromSeconds(30));
        return machine.Apply(new ProbeOutcome(status, value, "%", "test"), _time.GetUtcNow());
    }

    [Fact]
    public void Apply_BeforeFirstRun_IsPendingUnknownNotCounted()
    {
        var snapshot = Create().Snapshot;
        Assert.Equal(CheckStatus.Unknown, snapshot.Status);
        Assert.False(snapshot.Hard);
        Assert.Null(snapshot.LastRun);
    }

    [Fact]
    public void Apply_CriticalValue_SoftThenHardAfterMaxAttempts()
    {
        var machine = Create(maxAttempts: 3);
        Step(machine, 50);
        var first = Step(machine, 95);
        Assert.Equal(CheckStatus.Critical, first.Status);
        Assert.False(first.Hard);
        Assert.Equal(CheckStatus.Ok, first.Counted);
        Step(machine, 95);
        var third = Step(machine, 95);
        Assert.True(third.Hard);
        Assert.Equal(CheckStatus.Critical, third.Counted);
    }

    [Fact]
    public void Apply_SinceMovesOnlyWhenStatusChanges()
    {
        var machine = Create(maxAttempts: 1);
        var start = Step(machine, 95);
        var later = Step(machine, 96);
        Assert.Equal(start.Since, later.Since);
        Assert.NotEqual(start.LastRun, later.LastRun);
        var recovered = Step(machine, 10);
        Assert.Equal(_time.GetUtcNow(), recovered.Since);
    }

    [Fact]
    public void Apply_NoValueWithThresholds_IsUnknownNotOk()
    {
        var snapshot = Step(Create(maxAttempts: 1), null);
        Assert.Equal(CheckStatus.Unknown, snapshot.Status);
        Assert.True(snapshot.Hard);
    }

    [Fact]
    public void Apply_ProbeCriticalWithGoodValue_StaysCritical()
    {
        var snapshot = Step(Create(maxAttempts: 1), 10, CheckStatus.Critical);
        Assert.Equal(CheckStatus.Critical, snapshot.Status);
    }

    [Fact]
    public void Apply_ValueHoveringAtThreshold_WithBandDoesNotToggle()
    {
        var machine = Create(maxAttempts: 1, hysteresis: 3);
        var statuses = new[] { 81.0, 79.5, 80.5, 79.0, 80.2, 78.5 }.Select(v => Step(machine, v).Status).ToList();
        Assert.All(statuses, s => Assert.Equal(CheckStatus.Warning, s));
        Assert.Equal(CheckStatus.Ok, Step(machine, 76).Status);
    }

    [Fact]
    public void Apply_Flapping_HeldAtWorstStateAsHard()
    {
        var machine = Create(maxAttempts: 1);
        CheckSnapshot last = machine.Snapshot;
        for (var i = 0; i < 8; i++)
        {
            last = Step(machine, i % 2 == 0 ? 95 : 10);
        }

        Assert.True(last.Flapping);
        Assert.Equal(CheckStatus.Critical, last.Status);
        Assert.True(last.Hard);
        var next = Step(machine, 10);
        Assert.Equal(CheckStatus.Critical, next.Status);
    }
}
