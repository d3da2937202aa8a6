using EdgeAgent.Evaluation;

namespace EdgeAgent.Tests.Evaluation;

public sealed class SoftHardStateMachineTests
{
    [Fact]
    public void Apply_NonOkBelowMaxAttempts_StaysSoft()
    {
        var machine = new SoftHardStateMachine(3);
        machine.Apply(CheckStatus.Critical);
        machine.Apply(CheckStatus.Critical);
        Assert.False(machine.IsHard);
        Assert.Equal(CheckStatus.Critical, machine.Current);
        Assert.Equal(CheckStatus.Ok, machine.HardState);
        Assert.Equal(2, machine.Attempt);
    }

    [Fact]
    public void Apply_MaxAttemptsReached_TurnsHard()
    {
        var machine = new SoftHardStateMachine(3);
        machine.Apply(CheckStatus.Warning);
        machine.Apply(CheckStatus.Critical);
        machine.Apply(CheckStatus.Critical);
        Assert.True(machine.IsHard);
        Assert.Equal(CheckStatus.Critical, machine.HardState);
    }

    [Fact]
    public void Apply_OkInBetween_RestartsAttempts()
    {
        var machine = new SoftHardStateMachine(2);
        machine.Apply(CheckStatus.Critical);
        machine.Apply(CheckStatus.Ok);
        machine.Apply(CheckStatus.Critical);
        Assert.False(machine.IsHard);
        Assert.Equal(1, machine.Attempt);
    }

    [Fact]
    public void Apply_RecoveryFromHard_IsHardAtOnce()
    {
        var machine = new SoftHardStateMachine(1);
        machine.Apply(CheckStatus.Critical);
        machine.Apply(CheckStatus.Ok);
        Assert.True(machine.IsHard);
        Assert.Equal(CheckStatus.Ok, machine.HardState);
    }

    [Fact]
    public void Apply_HardNonOkToOtherNonOk_StaysHard()
    {
        var machine = new SoftHardStateMachine(2);
        machine.Apply(CheckStatus.Warning);
        machine.Apply(CheckStatus.Warning);
        machine.Apply(CheckStatus.Critical);
        Assert.True(machine.IsHard);
        Assert.Equal(CheckStatus.Critical, machine.HardState);
    }
}
