using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MailOutbox;

/// <summary>
/// Delivers the mail outbox: due messages go to the relay; a failure waits 1, 2, 4 … seconds (at most
/// MaxRetrySeconds) before the next attempt; a message still undelivered after GiveUpAfterHours is given up and
/// reported through <paramref name="onGiveUp"/>. Each message is marked sent right after the relay took it, so a relay
/// that comes back gets every queued message once. Without a relay host, mail stays queued.
/// </summary>
public sealed partial class MailOutboxWorker(
    Func<CancellationToken, Task<SqliteConnection>> open, SmtpRelayOptions options, OutboxSignal signal, TimeProvider time,
    ILogger<MailOutboxWorker> logger, Func<QueuedMail, string, Task>? onGiveUp = null) : SignalledWorker(signal, time, logger)
{
    private readonly MailRelay _relay = new(options);

    /// <summary>Without a relay host, mail stays queued (and is sent once one is configured and the program restarts).</summary>
    protected override bool Enabled => !string.IsNullOrWhiteSpace(options.Host);

    protected override async Task<TimeSpan> PassAsync(CancellationToken ct)
    {
        await PumpAsync(ct);
        await using var c = await open(ct);
        var next = await MailOutboxStore.NextDueAsync(c, ct);
        return next is null ? MaxSleep : next.Value - Time.GetUtcNow();
    }

    /// <summary>One pass over what is due; answers how many were sent.</summary>
    public async Task<int> PumpAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = Time.GetUtcNow();
            IReadOnlyList<QueuedMail> due;
            await using (var c = await open(ct))
            {
                due = await MailOutboxStore.DueAsync(c, now, 50, ct);
            }

            if (due.Count == 0)
            {
                return sent;
            }

            var results = await _relay.SendAsync(due, ct);
            var failed = false;
            await using (var c = await open(ct))
            {
                for (var i = 0; i < due.Count; i++)
                {
                    var mail = due[i];
                    now = Time.GetUtcNow();
                    if (results[i] is not { } error)
                    {
                        await MailOutboxStore.MarkSentAsync(c, mail.Id, now, ct);
                        LogSent(mail.MessageId, mail.Recipient, mail.Subject);
                        sent++;
                        continue;
                    }

                    failed = true;
                    if (now - mail.CreatedAt >= TimeSpan.FromHours(options.GiveUpAfterHours))
                    {
                        await MailOutboxStore.GiveUpAsync(c, mail.Id, error, now, ct);
                        LogGaveUp(mail.MessageId, mail.Recipient, error);
                        if (onGiveUp is not null)
                        {
                            await onGiveUp(mail, error);
                        }

                        continue;
                    }

                    var backoff = TimeSpan.FromSeconds(Math.Min(options.MaxRetrySeconds, Math.Pow(2, Math.Min(mail.Attempts, 20))));
                    await MailOutboxStore.MarkFailedAsync(c, mail.Id, error, now + backoff, ct);
                    LogRetry(mail.MessageId, mail.Recipient, error, backoff.TotalSeconds);
                }
            }

            if (failed)
            {
                return sent;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} to {Recipient} sent: {Subject}")]
    private partial void LogSent(string messageId, string recipient, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} to {Recipient} not sent ({Error}); next attempt in {Seconds} s")]
    private partial void LogRetry(string messageId, string recipient, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MessageId} to {Recipient} given up after retrying: {Error}")]
    private partial void LogGaveUp(string messageId, string recipient, string error);
}
