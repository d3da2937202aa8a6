using System.Text;
using MailOutbox;
using Microsoft.Extensions.Options;
using StatusSite.Data;
using StatusSite.Public;

namespace StatusSite.Subscribers;

/// <summary>
/// Fans queued notices out to confirmed subscribers (mail into the mail outbox, calls into the webhook outbox, both in
/// one transaction with marking the notice done), then delivers due webhook calls signed with HMAC-SHA256, retrying
/// with exponential backoff; a webhook failing for a day is disabled and staff are told by mail.
/// </summary>
internal sealed partial class NotificationDispatcher : SignalledWorker
{
    private readonly StatusDatabase _database;
    private readonly NoticeStore _notices;
    private readonly SubscriberStore _subscribers;
    private readonly WebhookOutboxStore _webhooks;
    private readonly SiteDataLoader _loader;
    private readonly LinkSigner _links;
    private readonly OutboxSignal _mail;
    private readonly IOptions<StatusPageOptions> _page;
    private readonly IOptions<StatusNotificationOptions> _notifications;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    public NotificationDispatcher(
        StatusDatabase database, NoticeStore notices, SubscriberStore subscribers, WebhookOutboxStore webhooks, SiteDataLoader loader,
        LinkSigner links, OutboxSignal mail, PublicSiteCache cache, IOptions<StatusPageOptions> page, IOptions<StatusNotificationOptions> notifications, TimeProvider time,
        ILogger<NotificationDispatcher> logger)
        : this(new OutboxSignal(), database, notices, subscribers, webhooks, loader, links, mail, cache, page, notifications, time, logger)
    {
    }

    private NotificationDispatcher(
        OutboxSignal wake, StatusDatabase database, NoticeStore notices, SubscriberStore subscribers, WebhookOutboxStore webhooks,
        SiteDataLoader loader, LinkSigner links, OutboxSignal mail, PublicSiteCache cache, IOptions<StatusPageOptions> page, IOptions<StatusNotificationOptions> notifications, TimeProvider time,
        ILogger<NotificationDispatcher> logger)
        : base(wake, time, logger)
    {
        (_database, _notices, _subscribers, _webhooks, _loader, _links, _mail, _page, _notifications, _time, _logger) =
            (database, notices, subscribers, webhooks, loader, links, mail, page, notifications, time, logger);
        // Every change rebuilds the public site; that is when new notices may be waiting.
        cache.Rebuilt += wake.Wake;
    }

    protected override async Task<TimeSpan> PassAsync(CancellationToken ct)
    {
        if (await FanOutAsync(ct) > 0)
        {
            _mail.Wake();
        }

        return await DeliverWebhooksAsync(ct);
    }

    /// <summary>Turns pending notices into mail and webhook rows; answers how many messages were queued.</summary>
    internal async Task<int> FanOutAsync(CancellationToken ct)
    {
        // Woken by every change: load the public data only when there is something to tell.
        await using (var c = await _database.OpenAsync(ct))
        {
            if (!await _notices.AnyPendingAsync(c, ct))
            {
                return 0;
            }
        }

        var data = await _loader.LoadAsync(ct);
        var composer = new NotificationComposer(_page.Value, data, _links);
        var now = _time.GetUtcNow();
        return await _database.WriteAsync(async (c, tx) =>
        {
            var queued = 0;
            var pending = await _notices.PendingAsync(c, tx, ct);
            if (pending.Count == 0)
            {
                return 0;
            }

            var active = (await _subscribers.ListAsync(c, tx, ct)).Where(s => s.Active).ToList();
            foreach (var notice in pending)
            {
                foreach (var (subscriber, mail, webhook) in Messages(composer, data, notice, active))
                {
                    if (mail is not null)
                    {
                        await MailOutboxStore.EnqueueAsync(c, tx, mail, _notifications.Value.Smtp.From, now, ct);
                    }

                    if (webhook is not null)
                    {
                        await _webhooks.AddAsync(c, tx, subscriber.Id, webhook, now, ct);
                    }

                    queued++;
                }

                await _notices.MarkDispatchedAsync(c, tx, notice.Id, now, ct);
            }

            return queued;
        }, ct);
    }

    private static IEnumerable<(Subscriber, OutboxMail?, string?)> Messages(
        NotificationComposer composer, Domain.SiteData data, Notice notice, List<Subscriber> active)
    {
        if (notice.Kind == NoticeStore.Incident)
        {
            // Drafts and discarded incidents are not in the public data: nobody hears of them.
            var incident = data.Incidents.FirstOrDefault(i => i.Id == notice.SubjectId);
            var update = incident?.Updates.FirstOrDefault(u => u.Id == notice.UpdateId);
            if (incident is null || update is null)
            {
                yield break;
            }

            var ids = incident.Components.Select(a => a.ComponentId).ToList();
            foreach (var s in active.Where(s => s.Wants(ids)))
            {
                yield return s.Kind == Subscriber.Email
                    ? (s, composer.IncidentMail(s, incident, update), null)
                    : (s, null, composer.IncidentWebhook(s, incident));
            }

            yield break;
        }

        var component = data.Components.FirstOrDefault(c => c.Id == notice.SubjectId);
        if (component is null || notice.OldStatus is null || notice.NewStatus is null)
        {
            yield break;
        }

        foreach (var s in active.Where(s => s.Wants([component.Id])))
        {
            yield return s.Kind == Subscriber.Email
                ? (s, composer.ComponentMail(s, component, notice.OldStatus, notice.NewStatus), null)
                : (s, null, composer.ComponentWebhook(s, component, notice.OldStatus, notice.NewStatus, notice.CreatedAt));
        }
    }

    /// <summary>Calls due webhooks; answers how long until the next one is due.</summary>
    private async Task<TimeSpan> DeliverWebhooksAsync(CancellationToken ct)
    {
        var o = _notifications.Value;
        await using var c = await _database.OpenAsync(ct);
        var due = await _webhooks.DueAsync(c, _time.GetUtcNow(), ct);
        var subscribers = due.Count == 0 ? [] : (await _subscribers.ListAsync(c, null, ct)).ToDictionary(s => s.Id);
        foreach (var (id, subscriberId, body, attempts) in due)
        {
            var now = _time.GetUtcNow();
            if (!subscribers.TryGetValue(subscriberId, out var s) || s.DisabledAt is not null)
            {
                await _webhooks.GiveUpSubscriberAsync(c, subscriberId, now, ct);
                continue;
            }

            var error = await CallAsync(s, body, ct);
            if (error is null)
            {
                await _webhooks.MarkDeliveredAsync(c, id, now, ct);
                await _subscribers.MarkHealthyAsync(c, null, s.Id, ct);
                continue;
            }

            await _subscribers.MarkFailingAsync(c, null, s.Id, now, ct);
            var failingSince = s.FailingSince ?? now;
            if (now - failingSince >= TimeSpan.FromHours(o.WebhookDisableAfterHours))
            {
                await DisableAsync(c, s, error, now, ct);
                subscribers[s.Id] = s with { DisabledAt = now };
                continue;
            }

            var backoff = TimeSpan.FromSeconds(Math.Min(o.WebhookMaxRetrySeconds, Math.Pow(2, Math.Min(attempts, 20))));
            await _webhooks.MarkFailedAsync(c, id, error, now + backoff, ct);
            subscribers[s.Id] = s with { FailingSince = failingSince };
            LogWebhookRetry(s.Id, error, backoff.TotalSeconds);
        }

        var next = await _webhooks.NextDueAsync(c, ct);
        return next is null ? MaxSleep : next.Value - _time.GetUtcNow();
    }

    private async Task<string?> CallAsync(Subscriber s, string body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, s.Address) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(s.Secret ?? string.Empty, body, _time.GetUtcNow()));
            request.Headers.UserAgent.ParseAdd("SorryEdge-StatusSite/1.0");
            using var response = await _client.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return "timed out: " + ex.Message;
        }
    }

    private async Task DisableAsync(Microsoft.Data.Sqlite.SqliteConnection c, Subscriber s, string error, DateTimeOffset now, CancellationToken ct)
    {
        var o = _notifications.Value;
        await _subscribers.DisableAsync(c, null, s.Id, now, ct);
        await _webhooks.GiveUpSubscriberAsync(c, s.Id, now, ct);
        foreach (var staff in o.StaffAddresses)
        {
            await MailOutboxStore.EnqueueAsync(c, null, new OutboxMail(staff, $"[{_page.Value.Name}] Webhook disabled: {s.Address}",
                $"The webhook {s.Address} (subscriber {s.Id}) failed for {o.WebhookDisableAfterHours} hours and was disabled.\nLast error: {error}\n"),
                o.Smtp.From, now, ct);
        }

        _mail.Wake();
        LogWebhookDisabled(s.Id, s.Address, error);
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of subscriber {Id} failed ({Error}); retrying in {Seconds} s")]
    private partial void LogWebhookRetry(string id, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook of subscriber {Id} ({Url}) disabled after a day of failures: {Error}")]
    private partial void LogWebhookDisabled(string id, string url, string error);

}
