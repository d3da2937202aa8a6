using Microsoft.Extensions.Logging;

namespace SorryEdge.Smtp;

/// <summary>What every shared-listener session needs, gathered once per connection.</summary>
internal sealed record SmtpSharedContext(
    SmtpDomainRouter Router,
    SmtpBackendMonitor Monitor,
    SmtpMetrics Metrics,
    SmtpOptions Options,
    string Hostname,
    CancellationToken Draining,
    TimeProvider Time,
    ILogger Logger);
