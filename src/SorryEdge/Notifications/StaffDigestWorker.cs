using System.Text;
using MailOutbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Data;

namespace SorryEdge.Notifications;

/// <summary>
/// Sends staff their site changes: the first pending item opens a window of DigestSeconds; when it closes, everything
/// pending goes out as one mail per staff address (a single change as itself, several as a digest listing them).
/// </summary>
internal sealed partial class StaffDigestWorker : SignalledWorker
{
    private readonly EdgeDatabase _database;
    private readonly IOptions<EdgeNotificationOptions> _options;
    private readonly OutboxSignal _mail;
    private readonly TimeProvider _time;
    private readonly ILogger<StaffDigestWorker> _logger;

    public StaffDigestWorker(EdgeDatabase database, NotificationOutbox outbox, IOptions<EdgeNotificationOptions> options, OutboxSignal mail, TimeProvider time, ILogger<StaffDigestWorker> logger)
        : this(new OutboxSignal(), database, outbox, options, mail, time, logger)
    {
    }

    private StaffDigestWorker(
        OutboxSignal wake, EdgeDatabase database, NotificationOutbox outbox, IOptions<EdgeNotificationOptions> options, OutboxSignal mail, TimeProvider time,
        ILogger<StaffDigestWorker> logger)
        : base(wake, time, logger)
    {
        (_database, _options, _mail, _time, _logger) = (database, options, mail, time, logger);
        outbox.StaffQueued += wake.Wake;
    }

    protected override bool Enabled => _options.Value.StaffAddresses.Length > 0;

    /// <summary>Sends the digest if its window closed; answers how long to wait for the next look.</summary>
    protected override async Task<TimeSpan> PassAsync(CancellationToken ct)
    {
        var o = _options.Value;
        await using var c = await _database.OpenAsync(ct);
        var pending = await StaffDigestStore.PendingAsync(c, null, ct);
        if (pending.Count == 0)
        {
            return MaxSleep;
        }

        var now = _time.GetUtcNow();
        var closes = pending[0].At + TimeSpan.FromSeconds(o.DigestSeconds);
        if (closes > now)
        {
            return closes - now;
        }

        var (subject, body) = pending.Count == 1 ? (pending[0].Subject, pending[0].Body) : Digest(pending);
        await using (var tx = c.BeginTransaction())
        {
            foreach (var to in o.StaffAddresses)
            {
                await MailOutboxStore.EnqueueAsync(c, tx, new OutboxMail(to, subject, body), o.Smtp.From, now, ct);
            }

            await StaffDigestStore.MarkDoneAsync(c, tx, pending[^1].Id, now, ct);
            await tx.CommitAsync(ct);
        }

        LogDigest(pending.Count, pending.Select(p => p.SiteId).Distinct().Count());
        _mail.Wake();
        return TimeSpan.Zero;
    }

    private static (string, string) Digest(IReadOnlyList<(long Id, string SiteId, string Subject, string Body, DateTimeOffset At)> items)
    {
        var sites = items.Select(i => i.SiteId).Distinct().Count();
        var sb = new StringBuilder($"{items.Count} changes of {sites} sites between {items[0].At:u} and {items[^1].At:u}:\n\n");
        foreach (var i in items)
        {
            sb.Append("- ").Append(i.At.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(' ')
                .Append(i.Subject.Replace("[SorryEdge] ", string.Empty, StringComparison.Ordinal)).Append('\n');
        }

        sb.Append("\nDetails of each change:\n");
        foreach (var i in items)
        {
            sb.Append("\n== ").Append(i.Subject).Append(" ==\n").Append(i.Body);
        }

        return ($"[SorryEdge] Digest: {items.Count} changes of {sites} sites", sb.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued a staff digest of {Count} changes ({Sites} sites)")]
    private partial void LogDigest(int count, int sites);

}
