using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Damping;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;
using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Unit;

/// <summary>The health state and what it publishes to the request path, without a socket.</summary>
public sealed class DestinationHealthTrackerTests
{
    private const string A = "http://127.0.0.1:9001";
    private const string B = "http://127.0.0.1:9002";
    private static long _version;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly SiteCatalog _catalog = new();
    private readonly RecordingEventRecorder _events = new();
    private readonly DestinationHealthTracker _tracker;

    public DestinationHealthTrackerTests() =>
        _tracker = new DestinationHealthTracker(_catalog, _events, new EdgeMetrics(), new NoLatch(),
            new SitePublisher(_catalog, _events, new SingleNodeGate(), _time, NullLogger<SitePublisher>.Instance), _time, NullLogger<DestinationHealthTracker>.Instance);

    private SiteEntry Put(string id, params string[] backends)
    {
        _catalog.Apply(new SiteRecord(new Site { Id = id, Hostnames = [id + ".example"], Backends = [.. backends.Select(b => new SiteBackend { Url = b })] },
            false, Interlocked.Increment(ref _version), _time.GetUtcNow()));
        return _catalog.Find(id)!;
    }

    [Fact]
    public void Probes_PublishAvailability_FallCancelsTheDownTokenOfWaitingRequests()
    {
        var site = Put("s", A, B);
        var (a, b) = (site.DestinationIds[0], site.DestinationIds[1]);
        Assert.Same(SiteAvailability.Unjudged, _tracker.Availability("s"));

        _tracker.RecordProbe(site, a, true, "HTTP 200");
        var up = _tracker.Availability("s");
        Assert.True(up.IsAvailable(a));
        var waiting = up.DownToken(a);
        Assert.True(waiting.CanBeCanceled);

        // Fall is 2: one failed probe changes nothing the request path sees.
        _tracker.RecordProbe(site, a, false, "HTTP 500");
        Assert.True(_tracker.Availability("s").IsAvailable(a));
        Assert.False(waiting.IsCancellationRequested);

        _tracker.RecordProbe(site, a, false, "HTTP 500");
        Assert.False(_tracker.Availability("s").IsAvailable(a));
        Assert.True(waiting.IsCancellationRequested);
        Assert.True(_tracker.Availability("s").IsAvailable(b));
        Assert.False(_tracker.IsDown("s"));
        Assert.Contains(_events.Events, e => e.Kind == "destination.down" && e.Cause.StartsWith(a, StringComparison.Ordinal));
        // A destination's verdict has the API's words (healthy/unhealthy); the site's state is up/down.
        Assert.Contains(_events.Events, e => e.Kind == "destination.down" && (e.From, e.To) == ("healthy", "unhealthy"));

        // A failed request takes the last one down at once, and with it the site.
        string? fastChecks = null;
        _tracker.ConnectionFailed += id => fastChecks = id;
        _tracker.RecordConnectionFailure(site, b, "connection refused");
        Assert.False(_tracker.Availability("s").IsAvailable(b));
        Assert.True(_tracker.IsDown("s"));
        Assert.Equal("s", fastChecks);
        Assert.Contains(_events.Events, e => e.Kind == "site.down" && (e.From, e.To) == ("up", "down"));
    }

    [Fact]
    public void Agents_RedDrains_OrangeLowersTheWeight_GreenRestores()
    {
        var site = Put("s", A, B);
        var a = site.DestinationIds[0];

        Assert.True(_tracker.RecordAgent(site, a, new AgentReading(AgentVerdict.Orange, 30, _time.GetUtcNow(), "load")));
        Assert.Equal(30, _tracker.Availability("s").WeightPercent(a));
        Assert.True(_tracker.Availability("s").IsAvailable(a));
        // The same reading again changes nothing.
        Assert.False(_tracker.RecordAgent(site, a, new AgentReading(AgentVerdict.Orange, 30, _time.GetUtcNow(), "load")));

        _tracker.RecordAgent(site, a, new AgentReading(AgentVerdict.Red, 0, _time.GetUtcNow(), "disk"));
        Assert.False(_tracker.Availability("s").IsAvailable(a));
        Assert.True(_tracker.IsDrained("s", a));

        _tracker.RecordAgent(site, a, new AgentReading(AgentVerdict.Green, 100, _time.GetUtcNow(), "ok"));
        Assert.True(_tracker.Availability("s").IsAvailable(a));
        Assert.Equal(100, _tracker.Availability("s").WeightPercent(a));
    }

    [Fact]
    public void CatalogChanges_ForgetRemovedBackendsAndSites_OnlyTheTouchedSite()
    {
        var site = Put("s", A, B);
        var other = Put("o", A);
        _tracker.RecordConnectionFailure(site, site.DestinationIds[0], "connection refused");
        _tracker.RecordConnectionFailure(other, other.DestinationIds[0], "connection refused");

        // Backend A leaves site s: its state goes; site o's state of the same address stays.
        var changed = Put("s", B);
        Assert.True(_tracker.Availability("s").IsAvailable(site.DestinationIds[0]));
        Assert.Equal(HealthVerdict.Unknown, _tracker.Describe(Put("s", A, B)).Single(d => d.Id == site.DestinationIds[0]).Health);
        Assert.False(_tracker.Availability("o").IsAvailable(other.DestinationIds[0]));
        Assert.NotNull(changed);

        _catalog.Remove("o");
        Assert.Same(SiteAvailability.Unjudged, _tracker.Availability("o"));
        Assert.DoesNotContain("o", _tracker.DownSites());
    }

    [Fact]
    public void ResultsOfAStaleSiteVersion_JudgedWithTheCurrentOne_NothingKeptForADeletedSite()
    {
        var old = Put("s", A);
        var current = Put("s", A, B);
        var b = current.DestinationIds[1];
        _tracker.RecordConnectionFailure(current, b, "connection refused");
        Assert.False(_tracker.Availability("s").IsAvailable(b));

        // A request that started on the old version (no B) fails on A: the view still has B down.
        _tracker.RecordConnectionFailure(old, old.DestinationIds[0], "connection refused");
        Assert.False(_tracker.Availability("s").IsAvailable(b));
        Assert.False(_tracker.Availability("s").IsAvailable(old.DestinationIds[0]));
        Assert.True(_tracker.IsDown("s"));

        // A probe round or an agent reading that ends after the site was deleted leaves nothing behind.
        _catalog.Remove("s");
        Assert.Equal(HealthVerdict.Unknown, _tracker.RecordProbe(current, b, false, "HTTP 500"));
        Assert.False(_tracker.RecordAgent(current, b, new AgentReading(AgentVerdict.Red, 0, _time.GetUtcNow(), "disk")));
        Assert.Same(SiteAvailability.Unjudged, _tracker.Availability("s"));
        Assert.DoesNotContain("s", _tracker.DownSites());
    }

    private sealed class NoLatch : ISiteLatch
    {
        public Task LatchAsync(string siteId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
