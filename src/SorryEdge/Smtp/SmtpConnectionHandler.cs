using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Health;

namespace SorryEdge.Smtp;

/// <summary>
/// Serves one SMTP connection: applies the connection limits, looks up the site and its
/// current mode, then splices to the backend MX or answers as the temp-fail responder.
/// Works on the listeners of <see cref="SmtpListenerManager"/> and on a static Kestrel
/// listener (<c>ListenOptions.UseConnectionHandler&lt;SmtpConnectionHandler&gt;()</c>).
/// </summary>
internal sealed class SmtpConnectionHandler(
    SmtpSiteResolver resolver,
    SmtpConnectionLimiter limiter,
    SmtpBackendMonitor monitor,
    TempFailResponder responder,
    SmtpSplicer splicer,
    SmtpMetrics metrics,
    IOptionsMonitor<SmtpOptions> options,
    TimeProvider time,
    ILogger<SmtpConnectionHandler> logger) : ConnectionHandler
{
    private const string TooManyConnections = "421 4.7.0 Too many connections, try again later";

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        metrics.ConnectionOpened();
        try
        {
            await ServeAsync(connection, connection.ConnectionClosed);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException)
        {
            // The client went away or the edge is stopping; nothing is owed to anyone.
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
        var site = resolver.Resolve(connection);
        var siteId = site?.SiteId ?? "unknown";
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        using var lease = limiter.TryAcquire(address, site?.SiteId, o.MaxConnectionsPerAddress, o.MaxConnectionsPerSite, o.MaxConnections, out var limit);
        if (lease is null)
        {
            SmtpLog.LimitReached(logger, siteId, connection.RemoteEndPoint, limit!);
            metrics.LimitHit(siteId, limit!);
            metrics.SessionStarted(siteId, SmtpSessionOutcome.Limit);
            await RefuseAsync(connection, TooManyConnections, cancellationToken);
            return;
        }

        if (site is null)
        {
            // The site was removed between accept and now: defer, never drop the mail.
            SmtpLog.NoSite(logger, connection.LocalEndPoint);
            await RefuseAsync(connection, $"421 4.3.2 {SmtpFrontHostname.Resolve(o.Hostname)} Service not available", cancellationToken);
            return;
        }

        var settings = site.Settings;
        SmtpHostPort? backend = SmtpHostPort.TryParse(settings.Backend, out var parsed) ? parsed : null;
        var forward = settings.Mode switch
        {
            SmtpMode.Passthrough => backend is not null,
            SmtpMode.Auto => backend is not null && monitor.GetVerdict(site.SiteId) != HealthVerdict.Unhealthy,
            _ => false,
        };
        if (!forward)
        {
            metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Tempfail);
            await responder.RunAsync(connection, site, cancellationToken);
            return;
        }

        var socket = await SmtpBackendConnector.ConnectAsync(backend!.Value, site.ProbeTimeout, time, cancellationToken);
        if (socket is null)
        {
            // Rescue: the sender gets a temporary failure instead of a dropped connection.
            SmtpLog.BackendConnectFailed(logger, site.SiteId, backend.Value.ToString());
            monitor.ReportConnectFailure(site.SiteId);
            metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Rescued);
            await responder.RunAsync(connection, site, cancellationToken);
            return;
        }

        metrics.SessionStarted(site.SiteId, SmtpSessionOutcome.Passthrough);
        await splicer.SpliceAsync(connection, socket, settings.ProxyProtocol, o.PassthroughIdleTimeout, cancellationToken);
    }

    /// <summary>
    /// A 421 in place of the greeting, then close at once: a sender has nothing to write before
    /// the greeting, and a refused connection must not hold a socket any longer than needed.
    /// </summary>
    private static async Task RefuseAsync(ConnectionContext connection, string reply, CancellationToken cancellationToken) =>
        await TempFailResponder.WriteAsync(connection.Transport.Output, SmtpReply.Line(reply, close: true), cancellationToken);
}
