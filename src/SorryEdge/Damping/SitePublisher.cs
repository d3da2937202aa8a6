using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Damping;

/// <summary>
/// Sits between the health tracker's real site changes and what is published about them. Each real down/up goes
/// through the site's <see cref="FlapDamper"/>; every published change is one <c>site.published</c> event, which the
/// status feed and notifications follow. <see cref="Publish"/> is the ONE place that publishes, gated by
/// <see cref="IPublicationGate"/> (cluster mode: only the overseer).
/// </summary>
internal sealed partial class SitePublisher(SiteCatalog catalog, IEventRecorder events, IPublicationGate gate, TimeProvider time, ILogger<SitePublisher> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SiteDamping> _sites = new(StringComparer.Ordinal);

    /// <summary>A real change from the health tracker: the site's backends are all down, or one is up again.</summary>
    public void OnSiteChanged(SiteEntry site, bool down, string detail)
    {
        var now = time.GetUtcNow();
        var settings = site.Site.Damping;
        (PublishedState From, PublishedState To, string Cause)? publish;
        lock (_lock)
        {
            if (!_sites.TryGetValue(site.Id, out var d))
            {
                d = new SiteDamping();
                _sites[site.Id] = d;
            }

            d.Detail = detail;
            publish = Apply(d, now, d.Damper.Change(down, now, settings));
            if (d.Damper.Suppressed)
            {
                Arm(site.Id, d, now, settings);
            }
        }

        if (publish is { } p)
        {
            Publish(site.Id, p.From, p.To, p.Cause);
        }
    }

    /// <summary>The published state of a site (up when nothing was ever published).</summary>
    public PublishedState Published(string siteId)
    {
        lock (_lock)
        {
            return _sites.TryGetValue(siteId, out var d) ? d.Damper.Published : PublishedState.Up;
        }
    }

    public DampingView Describe(SiteEntry site)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_sites.TryGetValue(site.Id, out var d))
            {
                return new DampingView(0, false, SiteStateWords.Up, null);
            }

            return new DampingView(Math.Round(d.Damper.PenaltyAt(now, site.Site.Damping)), d.Damper.Suppressed, PublishedStateWords.Of(d.Damper.Published),
                d.Damper.Suppressed ? d.Damper.ReuseAt(now, site.Site.Damping) : null);
        }
    }

    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 90 ? $"{Math.Max(1, (int)Math.Round(t.TotalSeconds))} s"
        : t.TotalMinutes < 90 ? $"{(int)Math.Round(t.TotalMinutes)} min"
        : $"{(int)t.TotalHours} h {t.Minutes} min";

    /// <summary>The cause of a published change; coming back up it says how long the published outage lasted.</summary>
    private static (PublishedState, PublishedState, string)? Apply(SiteDamping d, DateTimeOffset now, PublishedState? to)
    {
        var from = d.Last;
        if (to is not { } state)
        {
            return null;
        }

        d.Last = state;
        var cause = state switch
        {
            PublishedState.Flapping => $"flapping: the backends changed state too often; reported as flapping until they settle ({d.Detail})",
            PublishedState.Up when d.OutageSince is { } since => $"{d.Detail}; the outage lasted {Duration(now - since)}",
            _ => d.Detail,
        };
        d.OutageSince = d.Damper.OutageSince;
        return (from, state, cause);
    }

    /// <summary>Every published change goes out here, and only here.</summary>
    private void Publish(string siteId, PublishedState from, PublishedState to, string cause)
    {
        if (!gate.IsPublisher)
        {
            return;
        }

        LogPublished(siteId, PublishedStateWords.Of(to));
        try
        {
            events.Record(new EdgeEvent(siteId, EventKinds.SitePublished, PublishedStateWords.Of(from), PublishedStateWords.Of(to), cause));
        }
        catch (Exception ex)
        {
            LogRecordFailed(siteId, ex);
        }
    }

    /// <summary>While suppressed, a timer fires when the penalty should have decayed below the reuse limit.</summary>
    private void Arm(string siteId, SiteDamping d, DateTimeOffset now, DampingSettings settings)
    {
        var due = d.Damper.ReuseAt(now, settings) - now + TimeSpan.FromMilliseconds(50);
        d.Timer ??= time.CreateTimer(_ => OnReuseTimer(siteId), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        d.Timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnReuseTimer(string siteId)
    {
        try
        {
            (PublishedState From, PublishedState To, string Cause)? publish;
            lock (_lock)
            {
                if (!_sites.TryGetValue(siteId, out var d) || catalog.Find(siteId) is not { } entry)
                {
                    return;
                }

                var now = time.GetUtcNow();
                var settings = entry.Site.Damping;
                publish = Apply(d, now, d.Damper.Settle(now, settings));
                if (d.Damper.Suppressed)
                {
                    Arm(siteId, d, now, settings);
                }
            }

            if (publish is { } p)
            {
                Publish(siteId, p.From, p.To, p.Cause + " (settled after flapping)");
            }
        }
        catch (Exception ex)
        {
            LogReuseFailed(siteId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {Site} published as {State}")]
    private partial void LogPublished(string site, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the published state of site {Site} failed")]
    private partial void LogRecordFailed(string site, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending the damping of site {Site} failed")]
    private partial void LogReuseFailed(string site, Exception ex);

    private sealed class SiteDamping
    {
        public FlapDamper Damper { get; } = new();

        public PublishedState Last { get; set; } = PublishedState.Up;

        public DateTimeOffset? OutageSince { get; set; }

        public string Detail { get; set; } = "";

        public ITimer? Timer { get; set; }
    }
}
