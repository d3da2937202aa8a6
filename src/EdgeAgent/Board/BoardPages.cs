using System.Text;
using EdgeAgent.Evaluation;
using EdgeAgent.Health;
using EdgeAgent.History;
using EdgeAgent.Scheduling;

namespace EdgeAgent.Board;

/// <summary>Renders the status board and the per-check detail page.</summary>
internal sealed class BoardPages(CheckRegistry registry, HistoryStore history, HealthReport report)
{
    private const int SparklinePoints = 120;
    private const int TableRows = 30;

    public string Index()
    {
        var verdict = registry.Verdict();
        var body = new StringBuilder();
        body.Append($"<h1>EdgeAgent on {Html.E(report.HostName)}</h1>");
        body.Append($"<div class=\"verdict {verdict.Wire}\" id=\"verdict\">Verdict: {verdict.Wire.ToUpperInvariant()} — weight {verdict.Weight}%</div>");
        if (verdict.Reasons.Count > 0)
        {
            body.Append("<h2>Reasons</h2><ul id=\"reasons\">");
            foreach (var r in verdict.Reasons)
            {
                body.Append($"<li><a href=\"/checks/{Uri.EscapeDataString(r.Name)}\">{Html.E(r.Name)}</a>: {Html.E(r.Counted.ToWire())} — {Html.E(r.Message)} (since {Html.Time(r.Since)})</li>");
            }

            body.Append("</ul>");
        }

        body.Append("<h2>Checks</h2><table id=\"checks\"><thead><tr><th>Check</th><th>Kind</th><th>Status</th><th>Value</th><th>Message</th><th>Since</th><th>Last run</th></tr></thead><tbody>");
        foreach (var s in registry.Entries.Select(e => e.Snapshot))
        {
            body.Append($"<tr data-status=\"{s.Status.ToWire()}\"><td><a href=\"/checks/{Uri.EscapeDataString(s.Name)}\">{Html.E(s.Name)}</a></td><td>{Html.E(s.Kind)}</td>");
            body.Append($"<td>{Html.Badge(s.Status.ToWire(), s.Hard, s.Flapping)}</td><td>{Html.Value(s.Value, s.Unit)}</td><td>{Html.E(s.Message)}</td>");
            body.Append($"<td>{Html.Time(s.Since)}</td><td>{Html.Time(s.LastRun)}</td></tr>");
        }

        body.Append("</tbody></table><p><a href=\"/health\">/health (JSON)</a></p>");
        return Html.Page($"EdgeAgent — {verdict.Wire}", body.ToString());
    }

    public async Task<string?> CheckAsync(string name, CancellationToken cancellationToken)
    {
        var entry = registry.Find(name);
        if (entry is null)
        {
            return null;
        }

        var s = entry.Snapshot;
        var o = entry.Options;
        var records = await history.RecentAsync(o.Name, SparklinePoints, cancellationToken);
        var body = new StringBuilder();
        body.Append($"<p><a href=\"/\">← all checks</a></p><h1>{Html.E(o.Name)}</h1>");
        body.Append($"<p id=\"status\">{Html.Badge(s.Status.ToWire(), s.Hard, s.Flapping)}</p><dl>");
        Row(body, "Kind", Html.E(o.Kind));
        Row(body, "Value", Html.Value(s.Value, s.Unit));
        Row(body, "Message", Html.E(s.Message));
        Row(body, "Since", Html.Time(s.Since));
        Row(body, "Last run", Html.Time(s.LastRun));
        Row(body, "Attempt", $"{s.Attempt} of {o.MaxAttempts}");
        Row(body, "State change", Html.E($"{s.PercentStateChange:0.#}% (flapping at {o.FlapHighThreshold}%, stops below {o.FlapLowThreshold}%)"));
        Row(body, "Warning", Html.E(o.Warning ?? (s.PluginWarning is null ? "none" : $"{s.PluginWarning} (from the plugin)")));
        Row(body, "Critical", Html.E(o.Critical ?? (s.PluginCritical is null ? "none" : $"{s.PluginCritical} (from the plugin)")));
        Row(body, "Clear band", Html.E(o.Hysteresis.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Row(body, "Interval / timeout", Html.E($"{o.Interval} / {o.Timeout}"));
        body.Append("</dl><h2>History</h2>");
        body.Append(Sparkline.Render(records, entry.Thresholds.HasThresholds ? entry.Thresholds : PluginThresholds(s)));
        body.Append("<table id=\"history\"><thead><tr><th>At</th><th>Status</th><th>Value</th><th>Message</th></tr></thead><tbody>");
        foreach (var r in records.AsEnumerable().Reverse().Take(TableRows))
        {
            body.Append($"<tr><td>{Html.Time(r.At)}</td><td>{Html.Badge(r.Status, r.Hard, r.Flapping)}</td><td>{Html.Value(r.Value, s.Unit)}</td><td>{Html.E(r.Message)}</td></tr>");
        }

        body.Append("</tbody></table>");
        return Html.Page($"{o.Name} — {s.Status.ToWire()}", body.ToString());
    }

    /// <summary>A plugin's own ranges from its perfdata, when the agent configures none for it.</summary>
    private static ThresholdEvaluator PluginThresholds(CheckSnapshot s)
    {
        NagiosRange.TryParse(s.PluginWarning, out var warning, out _);
        NagiosRange.TryParse(s.PluginCritical, out var critical, out _);
        return new ThresholdEvaluator(warning, critical);
    }

    private static void Row(StringBuilder body, string term, string html) => body.Append($"<dt>{term}</dt><dd>{html}</dd>");
}
