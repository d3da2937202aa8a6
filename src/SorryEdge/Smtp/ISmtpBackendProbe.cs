namespace SorryEdge.Smtp;

/// <summary>One health check of a backend MX; swapped for a scripted one in tests.</summary>
internal interface ISmtpBackendProbe
{
    /// <summary>True when the backend accepted a connection and greeted with 220 within the timeout.</summary>
    Task<bool> ProbeAsync(SmtpHostPort backend, TimeSpan timeout, CancellationToken cancellationToken);
}
