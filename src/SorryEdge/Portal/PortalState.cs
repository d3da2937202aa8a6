using SorryEdge.Admin;
using SorryEdge.Health;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>A site's live state as a badge: a colour class and always the same words beside it.</summary>
internal static class PortalState
{
    public static string Badge(SiteStateView state)
    {
        var (css, text) = state.Action switch
        {
            "forward" when state.Destinations.Any(d => d.Health == HealthWords.Unhealthy) =>
                ("warn", $"Forwarding — {state.Destinations.Count(d => d.Health == HealthWords.Unhealthy)} of {state.Destinations.Count} backends down"),
            "forward" => ("ok", "Forwarding to backends"),
            "redirect" => ("info", state.EffectiveMode == "redirect" ? "Redirecting (switched on)" : "Redirecting — backends down"),
            _ when state.EffectiveMode == "maintenance" => ("info", "Sorry page — maintenance"),
            _ when state.Latched && !state.BackendsDown => ("bad", "Sorry page — manual failback pending"),
            _ => ("bad", "Sorry page — backends down"),
        };
        return $"<span class=\"state {css}\">{E(text)}</span>";
    }

    /// <summary>The lines under the badge: since when it is down, whether a resume is waiting.</summary>
    public static string Details(SiteStateView state)
    {
        var parts = new List<string>();
        if (state.BackendsDown)
        {
            parts.Add("Backends down since " + Time(state.DownSince));
        }

        if (state.Latched)
        {
            parts.Add("Manual failback pending: the site stays on the takeover answer until someone resumes it");
        }

        if (state.Damping.Suppressed)
        {
            parts.Add($"Flapping: reported as flapping, not every change, until it settles (penalty {state.Damping.Penalty:0}" +
                (state.Damping.ReuseAt is { } reuse ? ", about " + Time(reuse) : "") + ")");
        }
        else if (state.Damping.Penalty >= 1)
        {
            parts.Add($"Flap penalty {state.Damping.Penalty:0} (reported changes are damped from {state.Damping.Published})");
        }

        return parts.Count == 0 ? "" : $"<div class=\"hint damping\">{string.Join("<br>", parts)}</div>";
    }

    public static string Health(string health) => health switch
    {
        HealthWords.Healthy => "<span class=\"state ok\">Healthy</span>",
        HealthWords.Unhealthy => "<span class=\"state bad\">Down</span>",
        _ => "<span class=\"state warn\">Unknown (not probed yet)</span>",
    };
}
