using SorryEdge.Sites;

namespace SorryEdge.Takeover;

/// <summary>
/// The heart of the edge as a pure function: mode × schedule × bypass × health → forward,
/// sorry or redirect. No I/O, no clock of its own, so every combination is unit-tested.
/// </summary>
internal static class TakeoverDecision
{
    public static Answer Decide(in DecisionInput input)
    {
        var mode = EffectiveMode.At(input.Mode, input.ModeUntil, input.Schedules, input.Now);

        // A switched-on mode answers for the site unless the request may bypass it; a bypassed
        // request is treated like auto, so a tester still gets the sorry page if the backend is dead.
        if (!input.Bypassed)
        {
            if (mode == SiteMode.Maintenance)
            {
                return Answer.Sorry;
            }

            if (mode == SiteMode.Redirect)
            {
                return Answer.Redirect;
            }

            if (input.Latched)
            {
                return Takeover(input.Action);
            }
        }

        return input.HasAvailableDestination ? Answer.Forward : Takeover(input.Action);
    }

    private static Answer Takeover(TakeoverAction action) =>
        action == TakeoverAction.Redirect ? Answer.Redirect : Answer.Sorry;
}
