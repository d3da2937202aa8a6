using SorryEdge.Health;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Admin;

/// <summary>The live state of a site as the admin API shows it beside the configuration.</summary>
internal sealed record SiteStateView(
    string Action,
    string EffectiveMode,
    bool BackendsDown,
    DateTimeOffset? DownSince,
    bool Latched,
    IReadOnlyList<DestinationView> Destinations,
    Damping.DampingView Damping)
{
    public static SiteStateView Build(SiteEntry entry, DestinationHealthTracker tracker, DateTimeOffset now)
    {
        var site = entry.Site;
        var destinations = tracker.Describe(entry);
        var (down, since) = tracker.DescribeSite(entry.Id);
        var available = destinations.Any(d => d.Health != HealthVerdict.Unhealthy && !tracker.IsDrained(entry.Id, d.Id));
        var answer = TakeoverDecision.Decide(new DecisionInput(site.Mode, site.ModeUntil, site.Schedules, site.Action, false, available, entry.Record.Latched, now));
        var mode = Sites.EffectiveMode.At(site.Mode, site.ModeUntil, site.Schedules, now);
        return new SiteStateView(
            answer.ToString().ToLowerInvariant(),
            SiteService.Name(mode),
            down,
            down ? since : null,
            entry.Record.Latched,
            destinations.Select((d, i) => new DestinationView(d.Id, site.Backends[i].Url, HealthWords.Of(d.Health), d.Since, d.LastCheck, tracker.GetAgent(entry.Id, d.Id))).ToList(),
            tracker.Publisher.Describe(entry));
    }
}
