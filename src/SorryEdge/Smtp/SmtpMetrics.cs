using Prometheus;

namespace SorryEdge.Smtp;

/// <summary>Prometheus metrics of the SMTP front.</summary>
internal sealed class SmtpMetrics
{
    private static readonly Counter Sessions = Metrics.CreateCounter(
        "sorryedge_smtp_sessions_total", "SMTP connections by site and how they were served.", "site", "outcome");

    private static readonly Counter LimitClosures = Metrics.CreateCounter(
        "sorryedge_smtp_limit_closures_total", "SMTP sessions ended by a limit (line, errors, idle, connections).", "site", "limit");

    private static readonly Gauge Active = Metrics.CreateGauge(
        "sorryedge_smtp_connections", "SMTP connections open now.");

    private static readonly Gauge BackendUp = Metrics.CreateGauge(
        "sorryedge_smtp_backend_up", "1 when the site's backend MX answers its probe with 220, 0 when down.", "site");

    private static readonly Counter Recipients = Metrics.CreateCounter(
        "sorryedge_smtp_recipients_total", "Recipients on the shared listeners by site and outcome (relayed, refused, deferred, rescued, second_site, unknown).", "site", "outcome");

    private static readonly Counter Messages = Metrics.CreateCounter(
        "sorryedge_smtp_messages_total", "Messages relayed on the shared listeners by site and the backend's verdict (delivered, refused, failed).", "site", "outcome");

    public void Recipient(string site, string outcome) => Recipients.WithLabels(site, outcome).Inc();

    public void Message(string site, string outcome) => Messages.WithLabels(site, outcome).Inc();

    public void SessionStarted(string site, SmtpSessionOutcome outcome) =>
        Sessions.WithLabels(site, outcome.ToString().ToLowerInvariant()).Inc();

    public void LimitHit(string site, string limit) => LimitClosures.WithLabels(site, limit).Inc();

    public void ConnectionOpened() => Active.Inc();

    public void ConnectionClosed() => Active.Dec();

    public void BackendState(string site, bool up) => BackendUp.WithLabels(site).Set(up ? 1 : 0);
}
