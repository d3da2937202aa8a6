using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SorryEdge.Health;
using SorryEdge.Sites;
using SorryEdge.Smtp;

using SorryEdge.Tests.Support;

namespace SorryEdge.Tests.Smtp;

public sealed class SmtpBackendMonitorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedProbe _probe = new();
    private readonly RecordingEventRecorder _events = new();
    private readonly TestSmtpSiteSource _sites = new(
        new SmtpSite("s1", "Site 1", new SmtpSettings { Listen = ["127.0.0.1:0"], Backend = "mx.test:25" }, Interval, TimeSpan.FromSeconds(1), Rise: 2, Fall: 2));

    [Fact]
    public async Task Probes_FailThenRecover_FollowRiseFallAndRecordEvents()
    {
        using var monitor = CreateMonitor();
        await monitor.StartAsync(CancellationToken.None);

        await Poll.UntilAsync(() => _probe.Count == 1, what: "first probe at start");
        Assert.Equal(HealthVerdict.Healthy, monitor.GetVerdict("s1"));

        _probe.Healthy = false;
        await TickAsync(2);
        Assert.Equal(HealthVerdict.Healthy, monitor.GetVerdict("s1"));
        await TickAsync(3);
        Assert.Equal(HealthVerdict.Unhealthy, monitor.GetVerdict("s1"));

        _probe.Healthy = true;
        await TickAsync(4);
        Assert.Equal(HealthVerdict.Unhealthy, monitor.GetVerdict("s1"));
        await TickAsync(5);
        Assert.Equal(HealthVerdict.Healthy, monitor.GetVerdict("s1"));

        Assert.Equal(["smtp.backend.down", "smtp.backend.up"], _events.Events.Select(e => e.Kind));
        Assert.Equal(("healthy", "unhealthy"), (_events.Events.First().From, _events.Events.First().To));
        Assert.All(_events.Events, e => Assert.Equal("s1", e.SiteId));
        Assert.All(_probe.Targets, t => Assert.Equal(new SmtpHostPort("mx.test", 25), t));
        await monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReportConnectFailure_HealthyBackend_IsDownAtOnce()
    {
        using var monitor = CreateMonitor();
        await monitor.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => monitor.GetVerdict("s1") == HealthVerdict.Healthy);

        monitor.ReportConnectFailure("s1");

        Assert.Equal(HealthVerdict.Unhealthy, monitor.GetVerdict("s1"));
        Assert.Equal("smtp.backend.down", Assert.Single(_events.Events).Kind);
        await monitor.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SiteChange_ModeSwitchKeepsState_BackendChangeRestartsProbe()
    {
        using var monitor = CreateMonitor();
        await monitor.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => monitor.GetVerdict("s1") == HealthVerdict.Healthy);
        monitor.ReportConnectFailure("s1");

        // One change that switches s1's mode and adds s2: once s2 is probed, the change was applied.
        var s1 = _sites.Sites[0];
        _sites.Set(s1 with { Settings = s1.Settings with { Mode = SmtpMode.Tempfail } }, TestSmtpSiteSource.Site("s2", new SmtpSettings { Backend = "second.test:25" }));
        await Poll.UntilAsync(() => _probe.Targets.Contains(new SmtpHostPort("second.test", 25)), what: "change applied");
        Assert.Equal(HealthVerdict.Unhealthy, monitor.GetVerdict("s1"));

        _sites.Update("s1", s => s with { Backend = "other.test:2525" });
        await Poll.UntilAsync(() => _probe.Targets.Contains(new SmtpHostPort("other.test", 2525)), what: "probe of the new backend");
        await Poll.UntilAsync(() => monitor.GetVerdict("s1") == HealthVerdict.Healthy, what: "fresh verdict");

        _sites.Set();
        await Poll.UntilAsync(() => monitor.GetVerdict("s1") == HealthVerdict.Unknown, what: "removed site forgotten");
        await monitor.StopAsync(CancellationToken.None);
    }

    private SmtpBackendMonitor CreateMonitor() =>
        new(_sites, _probe, _events, new SmtpMetrics(), _time, NullLogger<SmtpBackendMonitor>.Instance);

    /// <summary>Moves the fake clock one interval and waits until that probe ran.</summary>
    private async Task TickAsync(int expectedProbes)
    {
        // The loop may not have reached its delay yet; keep nudging the clock until the probe runs.
        await Poll.UntilAsync(
            () =>
            {
                if (_probe.Count >= expectedProbes)
                {
                    return true;
                }

                _time.Advance(Interval);
                return false;
            },
            what: $"probe {expectedProbes}");
        Assert.Equal(expectedProbes, _probe.Count);
    }
}
