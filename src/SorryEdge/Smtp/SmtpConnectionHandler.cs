using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// Serves one SMTP connection: applies the connection limits, then either runs the shared
/// listener's per-recipient dialogue, or looks up the site by address and its current mode and
/// splices to the backend MX or answers as the temp-fail responder. Works on the listeners of
/// <see cref="SmtpListenerManager"/> and on a static Kestrel listener
/// (<c>ListenOptions.UseConnectionHandler&lt;SmtpConnectionHandler&gt;()</c>).
/// </summary>
internal sealed class SmtpConnectionHandler(
    SmtpSiteResolver resolver,
    SmtpConnectionLimiter limiter,
    SmtpLimitLog limitLog,
    SmtpBackendMonitor monitor,
    TempFailResponder responder,
    SmtpDialogueRunner runner,
    SmtpDomainRouter router,
    ISmtpCertificateSource certificates,
    SmtpSplicer splicer,
    SmtpMetrics metrics,
    IOptionsMonitor<SmtpOptions> options,
    TimeProvider time,
    ILogger<SmtpConnectionHandler> logger) : ConnectionHandler
{
    private const string TooManyConnections = "421 4.7.0 Too many connections, try again later";
    private const string SharedLabel = "shared";

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        metrics.ConnectionOpened();
        try
        {
            await ServeAsync(connection, connection.ConnectionClosed);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException or ConnectionAbortedException or AuthenticationException)
        {
            // The client went away, failed its TLS handshake, or the edge is stopping; nothing is owed to anyone.
        }
        catch (Exception e)
        {
            SmtpLog.ConnectionFailed(logger, connection.RemoteEndPoint, e);
        }
        finally
        {
            metrics.ConnectionClosed();
        }
    }

    private async Task ServeAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var shared = connection.Features.Get<SmtpListenFeature>() is { Shared: true };
        var site = shared ? null : resolver.Resolve(connection);
        var siteId = shared ? SharedLabel : site?.SiteId ?? "unknown";
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        using var lease = limiter.TryAcquire(address, site?.SiteId, o.MaxConnectionsPerAddress, o.MaxConnectionsPerSite, o.MaxConnections, out var refusedBy);
        if (lease is null)
        {
            var limit = refusedBy ?? "connections";
            if (limitLog.Refused(address ?? IPAddress.None) is { } refused)
            {
                SmtpLog.ConnectionsRefused(logger, address ?? IPAddress.None, limit, refused);
            }

            metrics.LimitHit(siteId, limit);
            metrics.SessionStarted(siteId, SmtpSessionOutcome.Limit);
            await RefuseAsync(connection, TooManyConnections, cancellationToken);
            return;
        }

        if (shared)
        {
            metrics.SessionStarted(SharedLabel, SmtpSessionOutcome.Shared);
            await runner.RunAsync(connection, SharedDialogue(connection, o), cancellationToken);
            return;
        }

        if (site is null)
        {
            // The site was removed between accept and now: defer, never drop the mail.
            SmtpLog.NoSite(logger, connection.LocalEndPoint);
            await RefuseAsync(connection, $"421 4.3.2 {SmtpFrontHostname.Resolve(o.Hostname)} Service not available", cancellationToken);
            return;
        }

        if (SmtpForwarding.Backend(site.Settings, monitor.GetVerdict(site.SiteId)) is not { } backend)
        {
            metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Tempfail);
            await responder.RunAsync(connection, site, cancellationToken);
            return;
        }

        var socket = await SmtpBackendConnector.ConnectAsync(backend, site.ProbeTimeout, time, cancellationToken);
        if (socket is null)
        {
            // Rescue: the sender gets a temporary failure instead of a dropped connection.
            SmtpLog.BackendConnectFailed(logger, site.SiteId, backend.ToString());
            monitor.ReportConnectFailure(site.SiteId);
            metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Rescued);
            await responder.RunAsync(connection, site, cancellationToken);
            return;
        }

        metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Passthrough);
        await splicer.SpliceAsync(connection, socket, site.Settings.ProxyProtocol, cancellationToken);
    }

    private SharedSmtpDialogue SharedDialogue(ConnectionContext connection, SmtpOptions o)
    {
        var hostname = SmtpFrontHostname.Resolve(o.Hostname);
        var session = new TempFailSession(hostname, SmtpDeferAt.Rcpt, o.DefaultMessage, o.MaxErrors)
        {
            TlsAvailable = certificates.Select(hostname) is not null,
            RequireTls = o.RequireTls,
            AdvertiseSmtpUtf8 = false,
        };
        return new SharedSmtpDialogue(connection, session, new SmtpSharedContext(router, monitor, metrics, o, hostname, runner.Draining(connection), time, logger));
    }

    /// <summary>
    /// A 421 in place of the greeting, then close at once: a sender has nothing to write before
    /// the greeting, and a refused connection must not hold a socket any longer than needed.
    /// </summary>
    private static async Task RefuseAsync(ConnectionContext connection, string reply, CancellationToken cancellationToken) =>
        await TempFailResponder.WriteAsync(connection.Transport.Output, SmtpReply.Line(reply, close: true), cancellationToken);
}
