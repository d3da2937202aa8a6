using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using SorryEdge.Sites;

namespace SorryEdge.Smtp;

/// <summary>
/// A session on a shared listener. The edge speaks SMTP itself (greeting, EHLO, MAIL) and at
/// each RCPT chooses the site by the recipient's domain: unknown domains are refused as
/// Postfix refuses relaying, a deferring site's recipients get <c>451 4.3.2</c>, and the first
/// recipient of a forwarding site opens its backend MX, replays the envelope and from then on
/// relays the transaction (RCPT, DATA, the content byte for byte) to that one backend.
/// </summary>
internal sealed class SharedSmtpDialogue(
    ConnectionContext connection,
    TempFailSession session,
    SmtpSharedContext context) : ISmtpDialogue
{
    /// <summary>The end of message content, RFC 5321 §4.1.1.4: CRLF "." CRLF.</summary>
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private string? _helo;
    private bool _esmtp;
    private byte[]? _mail;
    private SmtpBackendRelay? _relay;
    private string? _relaySite;
    private int _accepted;
    private bool _broken;

    public string SiteLabel => "shared";

    public SmtpReply Start() => session.Start();

    public SmtpReply LineTooLong() => session.LineTooLong();

    public SmtpReply IdleTimeout() => session.IdleTimeout();

    public SmtpReply ShuttingDown() => session.ShuttingDown();

    public void TlsStarted() => session.TlsStarted();

    public async ValueTask<SmtpReply> HandleAsync(SmtpCommand command, ReadOnlySequence<byte> line, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case SmtpVerb.Rcpt when session.State != TempFailSessionState.Mail:
                return session.Mistake("503 5.5.1 Need MAIL command");
            case SmtpVerb.Rcpt:
                return await RecipientAsync(command, line.ToArray(), cancellationToken);
            case SmtpVerb.Data when _broken && _accepted > 0:
                await EndTransactionAsync();
                return SmtpReply.Line("451 4.4.2 Connection to the destination lost, try again later");
            case SmtpVerb.Data when _relay is not null && _accepted > 0:
                return await DataAsync(cancellationToken);
            case SmtpVerb.Mail:
                {
                    await EndTransactionAsync();
                    var reply = session.Handle(command);
                    _mail = reply.Code == 250 ? line.ToArray() : null;
                    return reply;
                }

            case SmtpVerb.Ehlo or SmtpVerb.Helo or SmtpVerb.Rset or SmtpVerb.Quit:
                {
                    await EndTransactionAsync();
                    var reply = session.Handle(command);
                    if (command.Verb is SmtpVerb.Ehlo or SmtpVerb.Helo && reply.Code == 250)
                    {
                        _helo = command.Argument;
                        _esmtp = command.Verb == SmtpVerb.Ehlo;
                    }

                    return reply;
                }

            default:
                return session.Handle(command);
        }
    }

    private async Task<SmtpReply> RecipientAsync(SmtpCommand command, byte[] line, CancellationToken cancellationToken)
    {
        if (!SmtpRecipient.TryParse(command.Argument, out var address, out var domain))
        {
            return session.Mistake("501 5.1.3 Bad recipient address syntax");
        }

        var route = context.Router.Route(domain);
        var siteId = route.Site?.SiteId ?? "none";
        switch (route.Kind)
        {
            case SmtpRouteKind.Unknown:
                context.Metrics.Recipient(siteId, "unknown");
                return SmtpReply.Line($"554 5.7.1 <{SmtpReplyText.Sanitize(address)}>: Relay access denied");
            case SmtpRouteKind.Defer:
                context.Metrics.Recipient(siteId, "deferred");
                return Deferred(route.Site!);
        }

        if (_relaySite is not null && _relaySite != siteId)
        {
            // One transaction goes to one backend; the sender retries this one on its own.
            context.Metrics.Recipient(siteId, "second_site");
            return SmtpReply.Line("451 4.5.3 Too many different destinations in one transaction, try again later");
        }

        if (_broken)
        {
            return SmtpReply.Line("451 4.4.2 Connection to the destination lost, try again later");
        }

        // Waiting for the backend is still "between commands" for the client: a stopping edge
        // answers 421 rather than keep the sender waiting through the shutdown.
        using var envelope = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Draining);
        try
        {
            if (_relay is null && await OpenAsync(route, envelope.Token) is { } refusal)
            {
                return refusal;
            }

            var reply = await _relay!.CommandAsync(line, envelope.Token);
            var accepted = reply.Code / 100 == 2;
            _accepted += accepted ? 1 : 0;
            context.Metrics.Recipient(siteId, accepted ? "relayed" : "refused");
            return reply;
        }
        catch (OperationCanceledException) when (context.Draining.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await EndTransactionAsync();
            return session.ShuttingDown();
        }
        catch (Exception e) when (SmtpBackendRelay.IsBackendFailure(e, cancellationToken))
        {
            SmtpLog.RelayFailed(context.Logger, siteId, e.Message);
            return await LostAsync(siteId);
        }
    }

    /// <summary>Opens the site's backend and replays MAIL; a reply to give the client instead when that fails.</summary>
    private async Task<SmtpReply?> OpenAsync(SmtpRoute route, CancellationToken cancellationToken)
    {
        var site = route.Site!;
        var client = new SmtpRelayClient(connection.RemoteEndPoint, connection.LocalEndPoint, _helo, _esmtp);
        var (relay, connectFailed) = await SmtpBackendRelay.OpenAsync(
            site, route.Backend!.Value, client, context.Hostname, context.Options.BackendTimeout, context.Time, cancellationToken);
        if (relay is null)
        {
            // Rescue, as on a site's own listener: a temporary failure, never a dropped recipient.
            SmtpLog.BackendConnectFailed(context.Logger, site.SiteId, route.Backend.Value.ToString());
            if (connectFailed)
            {
                context.Monitor.ReportConnectFailure(site.SiteId);
            }

            context.Metrics.Recipient(site.SiteId, "rescued");
            return Deferred(site);
        }

        _relay = relay;
        _relaySite = site.SiteId;
        var mail = await relay.CommandAsync(_mail!, cancellationToken);
        if (mail.Code / 100 != 2)
        {
            // The backend's own refusal of the sender is its answer for this recipient.
            await EndRelayAsync();
            context.Metrics.Recipient(site.SiteId, "refused");
            return mail;
        }

        return null;
    }

    private async Task<SmtpReply> DataAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _relay!.CommandAsync("DATA", cancellationToken);
            if (reply.Code == 354)
            {
                return reply with { Data = true };
            }

            await EndTransactionAsync();
            return reply;
        }
        catch (Exception e) when (SmtpBackendRelay.IsBackendFailure(e, cancellationToken))
        {
            SmtpLog.RelayFailed(context.Logger, _relaySite!, e.Message);
            await EndTransactionAsync();
            return SmtpReply.Line("451 4.4.2 Connection to the destination lost, try again later");
        }
    }

    /// <summary>
    /// Copies the content to the backend as received, dot-stuffing included, up to and including
    /// the CRLF.CRLF that ends it, then returns the backend's verdict on the message. A bare LF
    /// is sent as CRLF and counts as one for the end (Postfix's <c>smtpd_forbid_bare_newline =
    /// normalize</c>): the edge and any backend, strict or lenient, then agree where the message
    /// ends, so a bare-LF dot line cannot smuggle commands past the edge. A backend that fails
    /// mid-copy still lets the client finish, then the client gets 451: mail is never
    /// acknowledged unless the backend acknowledged it.
    /// </summary>
    public async Task<SmtpReply> ReceiveDataAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var relay = _relay!;
        var siteId = _relaySite!;
        var matched = 2; // the CRLF ending the DATA line counts as the start of the end marker
        var previousCr = false;
        var normalized = new ArrayBufferWriter<byte>(4096);
        var failed = false;
        while (true)
        {
            ReadResult result;
            using (var idle = new CommandDeadline(context.Options.IdleTimeout, context.Time, cancellationToken))
            {
                try
                {
                    result = await input.ReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (idle.TimedOut)
                {
                    // Abandoned content: closing the backend without the final dot discards it there.
                    await EndTransactionAsync();
                    return session.IdleTimeout();
                }
            }

            var buffer = result.Buffer;
            normalized.ResetWrittenCount();
            var end = Normalize(buffer, ref matched, ref previousCr, normalized);
            var chunk = end is { } e ? buffer.Slice(0, e) : buffer;
            if (!failed)
            {
                try
                {
                    await relay.WriteAsync(normalized.WrittenMemory, cancellationToken);
                }
                catch (Exception ex) when (SmtpBackendRelay.IsBackendFailure(ex, cancellationToken))
                {
                    SmtpLog.RelayFailed(context.Logger, siteId, ex.Message);
                    failed = true;
                }
            }

            input.AdvanceTo(chunk.End);
            if (end is not null)
            {
                break;
            }

            if (result.IsCompleted)
            {
                await EndTransactionAsync();
                return SmtpReply.Line("421 4.4.2 Connection closed during DATA", close: true);
            }
        }

        SmtpReply final;
        try
        {
            final = failed ? throw new IOException("relay failed") : await relay.ReadReplyAsync(cancellationToken);
            context.Metrics.Message(siteId, final.Code / 100 == 2 ? "delivered" : "refused");
        }
        catch (Exception e) when (SmtpBackendRelay.IsBackendFailure(e, cancellationToken))
        {
            context.Metrics.Message(siteId, "failed");
            final = SmtpReply.Line("451 4.4.2 Connection to the destination lost, try again later");
        }

        await EndTransactionAsync();
        return final with { Data = false, Close = false };
    }

    /// <summary>
    /// Writes the buffer to <paramref name="output"/> with each bare LF made CRLF, up to and
    /// including the end marker; answers the input length consumed through the marker, or null
    /// when the marker is not in this buffer (then all of it was written).
    /// </summary>
    private static long? Normalize(in ReadOnlySequence<byte> buffer, ref int matched, ref bool previousCr, ArrayBufferWriter<byte> output)
    {
        long offset = 0;
        foreach (var segment in buffer)
        {
            var span = segment.Span;
            var run = 0;
            for (var i = 0; i < span.Length; i++)
            {
                var b = span[i];
                if (b == '\n' && !previousCr)
                {
                    output.Write(span[run..i]);
                    output.Write("\r"u8);
                    run = i;
                    matched = Match(matched, (byte)'\r');
                }

                previousCr = b == '\r';
                matched = Match(matched, b);
                if (matched == EndOfData.Length)
                {
                    output.Write(span[run..(i + 1)]);
                    return offset + i + 1;
                }
            }

            output.Write(span[run..]);
            offset += span.Length;
        }

        return null;
    }

    private static int Match(int matched, byte b) => b == EndOfData[matched] ? matched + 1 : b == '\r' ? 1 : 0;

    private SmtpReply Deferred(SmtpSite site) =>
        SmtpReply.Line($"451 4.3.2 {SmtpReplyText.DeferText(site.Settings, context.Options.DefaultMessage)}");

    private async Task<SmtpReply> LostAsync(string siteId)
    {
        await EndRelayAsync();
        if (_accepted > 0)
        {
            // Recipients the backend already took are gone with it: DATA must fail so they are retried.
            _broken = true;
            _relaySite = siteId;
        }

        return SmtpReply.Line("451 4.4.2 Connection to the destination lost, try again later");
    }

    private async Task EndRelayAsync()
    {
        if (_relay is { } relay)
        {
            _relay = null;
            _relaySite = null;
            await relay.QuitAsync();
        }
    }

    private async Task EndTransactionAsync()
    {
        await EndRelayAsync();
        _mail = null;
        _accepted = 0;
        _broken = false;
        session.EndTransaction();
    }

    public async ValueTask DisposeAsync() => await EndRelayAsync();
}
