using Prometheus;

namespace SorryEdge.Events;

/// <summary>The edge's Prometheus metrics, served at <c>/metrics</c> on the admin listener.</summary>
internal sealed class EdgeMetrics
{
    private static readonly Counter Responses = Metrics.CreateCounter(
        "sorryedge_responses_total", "Responses the edge answered itself or forwarded, by site, action and cause.",
        new CounterConfiguration { LabelNames = ["site", "action", "cause"] });

    private static readonly Gauge SiteState = Metrics.CreateGauge(
        "sorryedge_site_down", "1 while every backend of the site is down (the edge answers for it), 0 otherwise.",
        new GaugeConfiguration { LabelNames = ["site"] });

    private static readonly Gauge DestinationUp = Metrics.CreateGauge(
        "sorryedge_destination_up", "1 healthy, 0 down, -1 unknown, per backend destination.",
        new GaugeConfiguration { LabelNames = ["site", "destination"] });

    private static readonly Counter Events = Metrics.CreateCounter(
        "sorryedge_events_total", "State changes recorded, by kind.",
        new CounterConfiguration { LabelNames = ["kind"] });

    /// <summary>
    /// Runs when this assembly loads, before any code of it can create or collect a metric: the
    /// limit only holds if it is set before the process's first collection, whoever makes it.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void LimitAtLoad() => LimitDefaultCollectors();

    /// <summary>
    /// Keeps prometheus-net's process figures and switches off its .NET meter and event-counter
    /// adapters, which it starts at the first scrape: from then on every request recorded into
    /// ASP.NET Core's and HttpClient's histograms, and one scrape made the edge 35–40 % slower
    /// (issue 13). The edge's own counters and gauges stay. Takes effect before the first scrape.
    /// </summary>
    public static void LimitDefaultCollectors() => Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
    {
        SuppressProcessMetrics = false,
        SuppressDebugMetrics = true,
        SuppressEventCounters = true,
        SuppressMeters = true,
    });

    // The edge's own answers are its hot path during an outage: keep the labelled child, not a lookup per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), Counter.Child> _responses = new();

    public void CountResponse(string site, string action, string cause) =>
        _responses.GetOrAdd((site, action, cause), static key => Responses.WithLabels(key.Item1, key.Item2, key.Item3)).Inc();

    public void SetSiteDown(string site, bool down) => SiteState.WithLabels(site).Set(down ? 1 : 0);

    public void SetDestination(string site, string destination, int state) => DestinationUp.WithLabels(site, destination).Set(state);

    public void CountEvent(string kind) => Events.WithLabels(kind).Inc();

    public void Forget(string site)
    {
        foreach (var key in _responses.Keys.Where(k => k.Item1 == site).ToList())
        {
            _responses.TryRemove(key, out _);
        }

        SiteState.RemoveLabelled(site);
        foreach (var labels in DestinationUp.GetAllLabelValues().Where(l => l[0] == site).ToList())
        {
            DestinationUp.RemoveLabelled(labels);
        }
    }
}
