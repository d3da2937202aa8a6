using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SorryEdge.Smtp;

/// <summary>
/// Runs a <see cref="TempFailSession"/> over a connection: reads lines, answers every command
/// of a pipelined batch in order and flushes once per batch (RFC 2920 §3.2), and enforces the
/// line, error and idle limits.
/// </summary>
internal sealed class TempFailResponder(IOptionsMonitor<SmtpOptions> options, SmtpMetrics metrics, TimeProvider time, ILogger<TempFailResponder> logger)
{
    public async Task RunAsync(ConnectionContext connection, SmtpSite site, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var message = SmtpReplyText.Sanitize(site.Settings.Message ?? "");
        var session = new TempFailSession(
            SmtpFrontHostname.Resolve(o.Hostname),
            site.Settings.DeferAt,
            message.Length > 0 ? message : o.DefaultMessage,
            o.MaxErrors);
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;

        var greeting = session.Start();
        await WriteAsync(output, greeting, cancellationToken);
        if (greeting.Close)
        {
            // A sender waits for the greeting before it writes (RFC 5321 §3.1), so there is no
            // unread input that could turn the close into a reset: no linger needed.
            return;
        }

        // One deadline per command line, on the injected clock: it starts when the previous
        // line was answered and is not pushed back by partial input, so a client dribbling a
        // byte a second is cut off like a silent one.
        CommandDeadline? deadline = null;
        try
        {
            while (true)
            {
                deadline ??= new CommandDeadline(o.IdleTimeout, time, cancellationToken);
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var timedOut = session.IdleTimeout();
                    await WriteAsync(output, timedOut, cancellationToken);
                    await FinishAsync(connection, site, timedOut, o, cancellationToken);
                    return;
                }

                var buffer = result.Buffer;
                var closing = (SmtpReply?)null;
                var answered = false;
                while (closing is null)
                {
                    var status = SmtpLineReader.TryReadLine(ref buffer, o.MaxCommandLineLength, out var line);
                    if (status == SmtpLineStatus.Incomplete)
                    {
                        break;
                    }

                    var reply = status == SmtpLineStatus.TooLong
                        ? session.LineTooLong()
                        : session.Handle(SmtpCommandParser.Parse(line));
                    Write(output, reply);
                    answered = true;
                    if (reply.Close)
                    {
                        closing = reply;
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (!await FlushWithinAsync(output, o.WriteTimeout, cancellationToken))
                {
                    // A client that pipelines commands but never reads the replies: cut it.
                    SmtpLog.LimitReached(logger, site.SiteId, connection.RemoteEndPoint, "write-timeout");
                    metrics.LimitHit(site.SiteId, "write-timeout");
                    connection.Abort(new ConnectionAbortedException("The client did not read its replies."));
                    return;
                }
                if (closing is { } last)
                {
                    await FinishAsync(connection, site, last, o, cancellationToken);
                    return;
                }

                if (result.IsCompleted)
                {
                    return;
                }

                if (answered)
                {
                    deadline.Dispose();
                    deadline = null;
                }
            }
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private async Task FinishAsync(ConnectionContext connection, SmtpSite site, SmtpReply last, SmtpOptions o, CancellationToken cancellationToken)
    {
        if (last.Limit is { } limit)
        {
            SmtpLog.LimitReached(logger, site.SiteId, connection.RemoteEndPoint, limit);
            metrics.LimitHit(site.SiteId, limit);
        }

        await LingerAsync(connection.Transport.Input, o.CloseLinger, cancellationToken);
    }

    /// <summary>
    /// Reads and discards for a short while before the socket closes: closing with unread
    /// input makes the kernel send RST, which can destroy the 421 before the client reads it.
    /// </summary>
    private async Task LingerAsync(PipeReader input, TimeSpan linger, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(linger, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        long discarded = 0;
        try
        {
            while (discarded < 1024 * 1024)
            {
                var result = await input.ReadAsync(linked.Token);
                discarded += result.Buffer.Length;
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Linger over; the connection closes now.
        }
        catch (Exception e) when (e is IOException or ConnectionResetException)
        {
            // The client already went away.
        }
    }

    /// <summary>Flushes, giving up after <paramref name="timeout"/> when the client does not read; false then.</summary>
    private async Task<bool> FlushWithinAsync(PipeWriter output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await output.FlushAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task WriteAsync(PipeWriter output, SmtpReply reply, CancellationToken cancellationToken)
    {
        Write(output, reply);
        await output.FlushAsync(cancellationToken);
    }

    private static void Write(PipeWriter output, SmtpReply reply) => output.Write(Encoding.ASCII.GetBytes(reply.Text));
}
