using System.Net;
using Microsoft.Extensions.Logging;

namespace SorryEdge.Smtp;

/// <summary>Source-generated log messages of the SMTP front.</summary>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "SMTP listener bound {Listen} as {EndPoint}")]
    public static partial void ListenerBound(ILogger logger, string listen, EndPoint endPoint);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "SMTP listener unbound {Listen}")]
    public static partial void ListenerUnbound(ILogger logger, string listen);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "SMTP listener {Listen} could not be bound")]
    public static partial void ListenerBindFailed(ILogger logger, string listen, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "SMTP session of site {SiteId} from {Client} ended by the {Limit} limit")]
    public static partial void LimitReached(ILogger logger, string siteId, EndPoint? client, string limit);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "SMTP backend {Backend} of site {SiteId} could not be connected; the temp-fail responder answered")]
    public static partial void BackendConnectFailed(ILogger logger, string siteId, string backend);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "SMTP backend of site {SiteId} went from {From} to {To}")]
    public static partial void BackendStateChanged(ILogger logger, string siteId, string from, string to);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "SMTP connection on {LocalEndPoint} matched no site and was deferred")]
    public static partial void NoSite(ILogger logger, EndPoint? localEndPoint);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "SMTP connection from {Client} failed")]
    public static partial void ConnectionFailed(ILogger logger, EndPoint? client, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "SMTP listener {Listen} stopped accepting")]
    public static partial void AcceptFailed(ILogger logger, string listen, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "SMTP listeners could not be reconciled with the sites")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "SMTP probe loop of site {SiteId} failed")]
    public static partial void ProbeLoopFailed(ILogger logger, string siteId, Exception exception);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "SMTP relay to the backend of site {SiteId} failed: {Reason}; the client got 451")]
    public static partial void RelayFailed(ILogger logger, string siteId, string reason);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "SMTP connections from {Client} refused by the {Limit} limit ({Refused} since the last report)")]
    public static partial void ConnectionsRefused(ILogger logger, System.Net.IPAddress client, string limit, long refused);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "SMTP front stopping: {Sessions} sessions told 421 or given {Grace} to finish")]
    public static partial void Draining(ILogger logger, int sessions, TimeSpan grace);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "SMTP site {SiteId} has an invalid backend {Backend}; it only defers")]
    public static partial void InvalidBackend(ILogger logger, string siteId, string backend);
}
