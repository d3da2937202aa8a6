using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// Probes every site's backend MX at its interval and keeps a rise/fall verdict per site;
/// follows site changes (a new backend or probe policy restarts that site's probe, a mode
/// switch does not) and records backend up/down events.
/// </summary>
internal sealed class SmtpBackendMonitor(
    ISmtpSiteSource sites,
    ISmtpBackendProbe probe,
    IEventRecorder events,
    SmtpMetrics metrics,
    TimeProvider time,
    ILogger<SmtpBackendMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, SmtpProbeLoop> _entries = new(StringComparer.Ordinal);

    public HealthVerdict GetVerdict(string siteId) =>
        _entries.TryGetValue(siteId, out var entry) ? entry.Health.Verdict : HealthVerdict.Unknown;

    /// <summary>A client's connect to the backend failed: a passive signal that marks it down at once.</summary>
    public void ReportConnectFailure(string siteId)
    {
        if (_entries.TryGetValue(siteId, out var entry))
        {
            Apply(siteId, entry.Health.ForceDown(), "a client connection to the backend failed");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var token = sites.GetChangeToken();
                Reconcile(stoppingToken);
                await SmtpChangeTokens.WaitAsync(token, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            foreach (var entry in _entries.Values)
            {
                await entry.StopAsync();
            }
        }
    }

    private void Reconcile(CancellationToken stoppingToken)
    {
        var wanted = new Dictionary<string, (SmtpSite Site, SmtpHostPort Backend)>(StringComparer.Ordinal);
        foreach (var site in sites.Sites)
        {
            if (site.Settings.Backend is not { } text)
            {
                continue;
            }

            if (!SmtpHostPort.TryParse(text, out var backend))
            {
                SmtpLog.InvalidBackend(logger, site.SiteId, text);
                continue;
            }

            wanted[site.SiteId] = (site, backend.Value);
        }

        foreach (var (siteId, entry) in _entries)
        {
            if (!wanted.TryGetValue(siteId, out var w) || entry.Key != KeyOf(w.Site, w.Backend))
            {
                _entries.TryRemove(siteId, out _);
                _ = entry.StopAsync();
            }
        }

        foreach (var (siteId, (site, backend)) in wanted)
        {
            if (_entries.ContainsKey(siteId))
            {
                continue;
            }

            var entry = new SmtpProbeLoop(KeyOf(site, backend), new SmtpBackendHealth(site.Rise, site.Fall), CancellationTokenSource.CreateLinkedTokenSource(stoppingToken));
            _entries[siteId] = entry;
            entry.Loop = ProbeLoopAsync(site, backend, entry);
        }
    }

    private async Task ProbeLoopAsync(SmtpSite site, SmtpHostPort backend, SmtpProbeLoop entry)
    {
        var token = entry.Stop.Token;

        // The site store validates the interval; a zero one must still not spin the CPU.
        var interval = site.ProbeInterval > TimeSpan.Zero ? site.ProbeInterval : TimeSpan.FromSeconds(1);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var ok = await probe.ProbeAsync(backend, site.Settings.ProxyProtocol, site.ProbeTimeout, token);
                Apply(site.SiteId, entry.Health.Record(ok), ok ? "the backend answered 220" : "the backend did not answer 220 in time");
                await Task.Delay(interval, time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Site removed or changed, or host stopping.
        }
        catch (Exception e)
        {
            SmtpLog.ProbeLoopFailed(logger, site.SiteId, e);
        }
    }

    private void Apply(string siteId, (HealthVerdict From, HealthVerdict To)? change, string cause)
    {
        if (change is not var (from, to))
        {
            return;
        }

        metrics.BackendState(siteId, to == HealthVerdict.Healthy);
        var fromText = HealthWords.Of(from);
        var toText = HealthWords.Of(to);
        SmtpLog.BackendStateChanged(logger, siteId, fromText, toText);

        // Unknown → healthy is the normal start, not news for the audit log.
        if (to == HealthVerdict.Unhealthy || from == HealthVerdict.Unhealthy)
        {
            var kind = to == HealthVerdict.Unhealthy ? EventKinds.SmtpBackendDown : EventKinds.SmtpBackendUp;
            events.Record(new EdgeEvent(siteId, kind, fromText, toText, cause));
        }
    }

    private static string KeyOf(SmtpSite site, SmtpHostPort backend) =>
        $"{backend}|{site.Settings.ProxyProtocol}|{site.ProbeInterval}|{site.ProbeTimeout}|{site.Rise}|{site.Fall}";
}
