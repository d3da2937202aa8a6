using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>One health check of a backend MX; swapped for a scripted one in tests.</summary>
internal interface ISmtpBackendProbe
{
    /// <summary>
    /// True when the backend accepted a connection and greeted with 220 within the timeout.
    /// A backend that expects a PROXY header gets one first (a health-check header: LOCAL/UNKNOWN).
    /// </summary>
    Task<bool> ProbeAsync(SmtpHostPort backend, ProxyProtocolVersion? proxyProtocol, TimeSpan timeout, CancellationToken cancellationToken);
}
