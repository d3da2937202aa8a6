using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SorryEdge.Smtp;

/// <summary>
/// Runs an <see cref="ISmtpDialogue"/> over a connection: reads lines, answers every command
/// of a pipelined batch in order and flushes once per batch (RFC 2920 §3.2), enforces the
/// line, error and idle limits, turns to TLS after STARTTLS, hands message content to the
/// dialogue after 354, and answers 421 between commands when the edge stops.
/// </summary>
internal sealed class SmtpDialogueRunner(
    IOptionsMonitor<SmtpOptions> options,
    SmtpMetrics metrics,
    ISmtpCertificateSource certificates,
    SmtpDrain drain,
    TimeProvider time,
    ILogger<SmtpDialogueRunner> logger)
{
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

    public async Task RunAsync(ConnectionContext connection, ISmtpDialogue dialogue, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        SmtpTlsPipe? tls = null;
        try
        {
            var greeting = dialogue.Start();
            await WriteAsync(connection.Transport.Output, greeting, cancellationToken);
            if (greeting.Close)
            {
                // A sender waits for the greeting before it writes (RFC 5321 §3.1), so there is no
                // unread input that could turn the close into a reset: no linger needed.
                return;
            }

            tls = await LoopAsync(connection, dialogue, o, cancellationToken);
        }
        finally
        {
            await dialogue.DisposeAsync();
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }
        }
    }

    private async Task<SmtpTlsPipe?> LoopAsync(ConnectionContext connection, ISmtpDialogue dialogue, SmtpOptions o, CancellationToken cancellationToken)
    {
        SmtpTlsPipe? tls = null;
        var draining = Draining(connection);

        // One deadline per command line, on the injected clock: it starts when the previous
        // line was answered and is not pushed back by partial input, so a client dribbling a
        // byte a second is cut off like a silent one. The drain token ends the wait as well:
        // a session between commands gets 421 when the edge stops.
        CommandDeadline? deadline = null;
        try
        {
            while (true)
            {
                var input = connection.Transport.Input;
                var output = connection.Transport.Output;
                deadline ??= new CommandDeadline(o.IdleTimeout, time, cancellationToken, draining);
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var last = draining.IsCancellationRequested && !deadline.TimedOut ? dialogue.ShuttingDown() : dialogue.IdleTimeout();
                    await WriteAsync(output, last, cancellationToken);
                    await FinishAsync(connection, dialogue.SiteLabel, last, o, cancellationToken);
                    return tls;
                }

                var buffer = result.Buffer;
                SmtpReply? turn = null;
                var answered = false;
                while (turn is null)
                {
                    var status = SmtpLineReader.TryReadLine(ref buffer, o.MaxCommandLineLength, out var line);
                    if (status == SmtpLineStatus.Incomplete)
                    {
                        break;
                    }

                    var reply = status == SmtpLineStatus.TooLong
                        ? dialogue.LineTooLong()
                        : await dialogue.HandleAsync(SmtpCommandParser.Parse(line), line, cancellationToken);
                    Write(output, reply);
                    answered = true;
                    if (reply.Close || reply.StartTls || reply.Data)
                    {
                        turn = reply;
                    }
                }

                if (turn is { StartTls: true })
                {
                    // Whatever followed STARTTLS in plaintext is dropped, never read as a command
                    // inside TLS (RFC 3207 §4.2; the STARTTLS injection of CVE-2011-0411).
                    input.AdvanceTo(buffer.End);
                }
                else if (turn is { Data: true })
                {
                    // Content that came in the same packet as DATA is read again by the content copy.
                    input.AdvanceTo(buffer.Start);
                }
                else
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (!await FlushWithinAsync(output, o.WriteTimeout, cancellationToken))
                {
                    // A client that pipelines commands but never reads the replies: cut it.
                    SmtpLog.LimitReached(logger, dialogue.SiteLabel, connection.RemoteEndPoint, "write-timeout");
                    metrics.LimitHit(dialogue.SiteLabel, "write-timeout");
                    connection.Abort(new ConnectionAbortedException("The client did not read its replies."));
                    return tls;
                }

                if (turn is { } next)
                {
                    deadline.Dispose();
                    deadline = null;
                    if (next.Close)
                    {
                        await FinishAsync(connection, dialogue.SiteLabel, next, o, cancellationToken);
                        return tls;
                    }

                    if (next.StartTls)
                    {
                        using var handshake = new CommandDeadline(o.IdleTimeout, time, cancellationToken);
                        tls = await SmtpTls.StartAsync(connection, certificates, SmtpFrontHostname.Resolve(o.Hostname), handshake.Token);
                        dialogue.TlsStarted();
                        continue;
                    }

                    var final = await dialogue.ReceiveDataAsync(connection.Transport.Input, cancellationToken);
                    await WriteAsync(connection.Transport.Output, final, cancellationToken);
                    if (final.Close)
                    {
                        await FinishAsync(connection, dialogue.SiteLabel, final, o, cancellationToken);
                        return tls;
                    }

                    continue;
                }

                if (result.IsCompleted)
                {
                    return tls;
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

    /// <summary>Fires when the session should end between commands: its listener was unbound or the edge is stopping.</summary>
    public CancellationToken Draining(ConnectionContext connection) =>
        connection.Features.Get<SmtpListenFeature>()?.Draining ?? drain.Token;

    private async Task FinishAsync(ConnectionContext connection, string siteLabel, SmtpReply last, SmtpOptions o, CancellationToken cancellationToken)
    {
        if (last.Limit is { } limit)
        {
            SmtpLog.LimitReached(logger, siteLabel, connection.RemoteEndPoint, limit);
            metrics.LimitHit(siteLabel, limit);
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

    public static async Task WriteAsync(PipeWriter output, SmtpReply reply, CancellationToken cancellationToken)
    {
        Write(output, reply);
        await output.FlushAsync(cancellationToken);
    }

    private static void Write(PipeWriter output, SmtpReply reply) => output.Write(Encoding.ASCII.GetBytes(reply.Text));
}
