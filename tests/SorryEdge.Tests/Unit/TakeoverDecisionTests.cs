using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Tests.Unit;

public sealed class TakeoverDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Answer Decide(SiteMode mode = SiteMode.Auto, bool healthy = true, bool bypassed = false, bool latched = false,
        TakeoverAction action = TakeoverAction.Sorry, DateTimeOffset? until = null, params MaintenanceWindow[] windows) =>
        TakeoverDecision.Decide(new DecisionInput(mode, until, windows, action, bypassed, healthy, latched, Now));

    private static MaintenanceWindow Window(int fromMinutes, int toMinutes, SiteMode mode = SiteMode.Maintenance) =>
        new() { Id = "w", Start = Now.AddMinutes(fromMinutes), End = Now.AddMinutes(toMinutes), Mode = mode };

    [Theory]
    [InlineData(SiteMode.Auto, true, false, Answer.Forward)]
    [InlineData(SiteMode.Auto, false, false, Answer.Sorry)]
    [InlineData(SiteMode.Maintenance, true, false, Answer.Sorry)]
    [InlineData(SiteMode.Maintenance, false, false, Answer.Sorry)]
    [InlineData(SiteMode.Redirect, true, false, Answer.Redirect)]
    [InlineData(SiteMode.Maintenance, true, true, Answer.Forward)]
    [InlineData(SiteMode.Maintenance, false, true, Answer.Sorry)]
    [InlineData(SiteMode.Redirect, true, true, Answer.Forward)]
    [InlineData(SiteMode.Auto, true, true, Answer.Forward)]
    // Modes and answers are boxed: an xUnit theory is public and these enums are internal to the edge.
    public void Decide_ModeHealthBypass_Expected(object mode, bool healthy, bool bypassed, object expected) =>
        Assert.Equal((Answer)expected, Decide((SiteMode)mode, healthy, bypassed));

    [Fact]
    public void Decide_NoHealthyBackendWithRedirectAction_Redirect() =>
        Assert.Equal(Answer.Redirect, Decide(healthy: false, action: TakeoverAction.Redirect));

    [Fact]
    public void Decide_LatchedManualFailback_TakeoverEvenWhenHealthy() =>
        Assert.Equal(Answer.Sorry, Decide(latched: true));

    [Fact]
    public void Decide_LatchedButBypassed_ForwardsSoTheCustomerCanTest() =>
        Assert.Equal(Answer.Forward, Decide(latched: true, bypassed: true));

    [Fact]
    public void Decide_ModeUntilPassed_BackToAuto()
    {
        Assert.Equal(Answer.Forward, Decide(SiteMode.Maintenance, until: Now));
        Assert.Equal(Answer.Sorry, Decide(SiteMode.Maintenance, until: Now.AddSeconds(1)));
    }

    [Theory]
    [InlineData(-10, 10, Answer.Sorry)]
    [InlineData(0, 10, Answer.Sorry)]
    [InlineData(-10, 0, Answer.Forward)]
    [InlineData(1, 10, Answer.Forward)]
    public void Decide_ScheduledWindow_OpenFromStartUntilEnd(int from, int to, object expected) =>
        Assert.Equal((Answer)expected, Decide(windows: Window(from, to)));

    [Fact]
    public void Decide_RedirectWindow_Redirect() =>
        Assert.Equal(Answer.Redirect, Decide(windows: Window(-1, 1, SiteMode.Redirect)));

    [Fact]
    public void Decide_ManualModeDuringWindow_ManualWins() =>
        Assert.Equal(Answer.Redirect, Decide(SiteMode.Redirect, windows: Window(-1, 1)));

    [Fact]
    public void Decide_WindowBypassed_Forward() =>
        Assert.Equal(Answer.Forward, Decide(bypassed: true, windows: Window(-1, 1)));
}
