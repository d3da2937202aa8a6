using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.Damping;

/// <summary>
/// Sits between the health tracker's real site changes and what is published about them. Each real down/up goes
/// through the site's <see cref="FlapDamper"/>; the published state changes only when damping allows, and every
/// published change is one <c>site.published</c> event, which the status feed and notifications follow. This is the
/// ONE place that decides to publish (see <see cref="Publish"/>), gated by <see cref="IPublicationGate"/>.
/// </summary>
public sealed partial class SitePublisher(SiteCatalog catalog, IEventRecorder events, IPublicationGate gate, TimeProvider time, ILogger<SitePublisher> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiteDamping> _sites = new(StringComparer.Ordinal);

    /// <summary>A real change from the health tracker: the site's backends are all down, or one is up again.</summary>
    public void OnSiteChanged(SiteEntry site, bool down, string detail)
    {
        var now = time.GetUtcNow();
        var settings = site.Site.Damping;
        PublishedState? publish;
        PublishedState before;
        lock (_gate)
        {
            var d = Get(site.Id);
            before = d.Published;
            d.Down = down;
            d.Detail = detail;
            if (down && d.Published != PublishedState.Down)
            {
                d.DownSince ??= now;
            }

            var suppressed = settings.Enabled && d.Damper.Transition(now, settings);
            publish = suppressed ? PublishedState.Flapping : Real(d);
            if (suppressed)
            {
                Arm(site.Id, d, now, settings);
            }

            publish = publish == d.Published ? null : publish;
            if (publish is not null)
            {
                detail = WithOutage(d, publish.Value, detail, now);
                Remember(d, publish.Value, now);
            }
        }

        if (publish is not null)
        {
            Publish(site.Id, before, publish.Value, detail);
        }
    }

    /// <summary>The published state of a site (Up when nothing was ever published).</summary>
    public PublishedState Published(string siteId)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(siteId, out var d) ? d.Published : PublishedState.Up;
        }
    }

    /// <summary>When the published outage began (for "back after N minutes"); null when not published down or flapping.</summary>
    public DateTimeOffset? OutageSince(string siteId)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(siteId, out var d) ? d.DownSince : null;
        }
    }

    public DampingView Describe(SiteEntry site)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_sites.TryGetValue(site.Id, out var d))
            {
                return new DampingView(0, false, "up", null);
            }

            var penalty = Math.Round(d.Damper.PenaltyAt(now, site.Site.Damping));
            return new DampingView(penalty, d.Damper.Suppressed, Name(d.Published),
                d.Damper.Suppressed ? d.Damper.ReuseAt(now, site.Site.Damping) : null);
        }
    }

    public static string Name(PublishedState state) => state.ToString().ToLowerInvariant();

    private static PublishedState Real(SiteDamping d) => d.Down ? PublishedState.Down : PublishedState.Up;

    /// <summary>Coming back up, the cause says how long the published outage lasted (the mail and the audit log show it).</summary>
    private static string WithOutage(SiteDamping d, PublishedState state, string detail, DateTimeOffset now) =>
        state == PublishedState.Up && d.DownSince is { } since ? $"{detail}; the outage lasted {Duration(now - since)}" : detail;

    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 90 ? $"{Math.Max(1, (int)Math.Round(t.TotalSeconds))} s"
        : t.TotalMinutes < 90 ? $"{(int)Math.Round(t.TotalMinutes)} min"
        : $"{(int)t.TotalHours} h {t.Minutes} min";

    private static void Remember(SiteDamping d, PublishedState state, DateTimeOffset now)
    {
        d.Published = state;
        if (state == PublishedState.Up)
        {
            d.DownSince = null;
        }
        else
        {
            d.DownSince ??= now;
        }
    }

    /// <summary>Every published change goes out here, and only here: the place a cluster overseer gate applies.</summary>
    private void Publish(string siteId, PublishedState from, PublishedState state, string detail)
    {
        if (!gate.IsPublisher)
        {
            return;
        }

        var cause = state == PublishedState.Flapping ? "flapping: the backends changed state too often; damped until they settle (" + detail + ")" : detail;
        LogPublished(siteId, Name(state));
        try
        {
            events.Record(new EdgeEvent(siteId, "site.published", Name(from), Name(state), cause));
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
            PublishedState? publish = null;
            var before = PublishedState.Up;
            string detail;
            lock (_gate)
            {
                if (!_sites.TryGetValue(siteId, out var d) || catalog.Find(siteId) is not { } entry)
                {
                    return;
                }

                var now = time.GetUtcNow();
                var settings = entry.Site.Damping;
                before = d.Published;
                if (d.Damper.TryReuse(now, settings) || !settings.Enabled)
                {
                    publish = Real(d) == d.Published ? null : Real(d);
                    if (publish is not null)
                    {
                        d.Detail = WithOutage(d, publish.Value, d.Detail, now);
                        Remember(d, publish.Value, now);
                    }
                }
                else if (d.Damper.Suppressed)
                {
                    Arm(siteId, d, now, settings);
                }

                detail = d.Detail + " (settled after flapping)";
            }

            if (publish is not null)
            {
                Publish(siteId, before, publish.Value, detail);
            }
        }
        catch (Exception ex)
        {
            LogReuseFailed(siteId, ex);
        }
    }

    private SiteDamping Get(string siteId)
    {
        if (!_sites.TryGetValue(siteId, out var d))
        {
            d = new SiteDamping();
            _sites[siteId] = d;
        }

        return d;
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

        public bool Down { get; set; }

        public string Detail { get; set; } = "";

        public PublishedState Published { get; set; } = PublishedState.Up;

        public DateTimeOffset? DownSince { get; set; }

        public ITimer? Timer { get; set; }
    }
}
