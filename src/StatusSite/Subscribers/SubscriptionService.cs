using MailOutbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StatusSite.Data;
using StatusSite.Public;
using StatusSite.Staff;

namespace StatusSite.Subscribers;

/// <summary>
/// Subscribe (double opt-in), confirm, unsubscribe, and staff management. The public answers never depend on whether
/// an address is already subscribed: the same page, and at most one confirmation mail a minute per address.
/// </summary>
internal sealed partial class SubscriptionService(
    StatusDatabase database, SubscriberStore store, ComponentStore components, LinkSigner links, OutboxSignal mail,
    IOptions<StatusPageOptions> page, IOptions<StatusNotificationOptions> notifications, TimeProvider time, ILogger<SubscriptionService> logger)
{
    private static readonly TimeSpan ResendGap = TimeSpan.FromMinutes(1);

    /// <summary>Public e-mail subscription; errors only for malformed input, never for the address's state.</summary>
    public async Task<StaffResult<string>> SubscribeEmailAsync(string? address, IReadOnlyList<string>? componentIds, CancellationToken ct)
    {
        if (!MailAddressRule.IsValid(address?.Trim()))
        {
            return StaffResult<string>.Fail("Please enter an e-mail address.");
        }

        var email = MailAddressRule.Normalize(address!);
        var now = time.GetUtcNow();
        await database.WriteAsync(async (c, tx) =>
        {
            var wanted = await KnownComponentsAsync(c, tx, componentIds, ct);
            var existing = await store.FindAsync(c, tx, Subscriber.Email, email, ct);
            if (existing is null)
            {
                var id = RowIds.New();
                await store.InsertAsync(c, tx, new Subscriber(id, Subscriber.Email, email, wanted, null, now, now, null, null, null), ct);
                await QueueConfirmationAsync(c, tx, id, email, now, ct);
            }
            else if (existing.ConfirmedAt is null && (existing.ConfirmationSentAt is null || now - existing.ConfirmationSentAt >= ResendGap))
            {
                // Unconfirmed: the one mail it may get is the confirmation, again.
                await store.SetComponentsAsync(c, tx, existing.Id, wanted, ct);
                await store.MarkConfirmationSentAsync(c, tx, existing.Id, now, ct);
                await QueueConfirmationAsync(c, tx, existing.Id, email, now, ct);
            }

            // Already confirmed: nothing is sent and nothing changes, and the visitor sees the same answer.
            return true;
        }, ct);
        mail.Wake();
        return StaffResult<string>.Success(email);
    }

    public async Task<bool> ConfirmAsync(string? id, string? signature, CancellationToken ct)
    {
        if (!links.Verify(LinkSigner.Confirm, id, signature))
        {
            return false;
        }

        var ok = await database.WriteAsync((c, tx) => store.ConfirmAsync(c, tx, id!, time.GetUtcNow(), ct), ct);
        if (ok)
        {
            LogConfirmed(logger, id!);
        }

        return ok;
    }

    /// <summary>Removes the subscription; a valid link for a subscription already gone is still a success.</summary>
    public async Task<bool> UnsubscribeAsync(string? id, string? signature, CancellationToken ct)
    {
        if (!links.Verify(LinkSigner.Unsubscribe, id, signature))
        {
            return false;
        }

        if (await database.WriteAsync((c, tx) => store.DeleteAsync(c, tx, id!, ct), ct))
        {
            LogUnsubscribed(logger, id!);
        }

        return true;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await store.ListAsync(c, null, ct);
    }

    /// <summary>Staff: an e-mail subscriber still gets a confirmation mail (no mail to an unconfirmed address); a webhook is active at once.</summary>
    public async Task<StaffResult<Subscriber>> AddAsync(SubscriberRequest request, CancellationToken ct)
    {
        if (request.Kind == Subscriber.Email)
        {
            var result = await SubscribeEmailAsync(request.Address, request.Components, ct);
            if (!result.Ok)
            {
                return StaffResult<Subscriber>.Fail("address must be an e-mail address.");
            }

            await using var read = await database.OpenAsync(ct);
            return StaffResult<Subscriber>.Success((await store.FindAsync(read, null, Subscriber.Email, result.Value!, ct))!);
        }

        if (request.Kind != Subscriber.Webhook)
        {
            return StaffResult<Subscriber>.Fail("kind must be 'email' or 'webhook'.");
        }

        if (!Uri.TryCreate(request.Address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || request.Address!.Length > 2000)
        {
            return StaffResult<Subscriber>.Fail("address must be an absolute http(s) URL for a webhook.");
        }

        var now = time.GetUtcNow();
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var saved = await database.WriteAsync(async (c, tx) =>
        {
            if (await store.FindAsync(c, tx, Subscriber.Webhook, url.ToString(), ct) is not null)
            {
                return null;
            }

            var s = new Subscriber(RowIds.New(), Subscriber.Webhook, url.ToString(), await KnownComponentsAsync(c, tx, request.Components, ct),
                secret, now, null, now, null, null);
            await store.InsertAsync(c, tx, s, ct);
            return s;
        }, ct);
        return saved is null
            ? StaffResult<Subscriber>.Fail("that webhook URL is already subscribed.", StatusCodes.Status409Conflict)
            : StaffResult<Subscriber>.Success(saved);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken ct) =>
        await database.WriteAsync((c, tx) => store.DeleteAsync(c, tx, id, ct), ct);

    /// <summary>Staff: sends the confirmation again to an unconfirmed e-mail subscriber.</summary>
    public async Task<StaffResult<string>> ResendAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var error = await database.WriteAsync(async (c, tx) =>
        {
            var s = await store.GetAsync(c, tx, id, ct);
            if (s is null)
            {
                return "subscriber not found";
            }

            if (s.Kind != Subscriber.Email || s.ConfirmedAt is not null)
            {
                return "only an unconfirmed e-mail subscriber can be sent a confirmation.";
            }

            await store.MarkConfirmationSentAsync(c, tx, id, now, ct);
            await QueueConfirmationAsync(c, tx, id, s.Address, now, ct);
            return null;
        }, ct);
        mail.Wake();
        return error is null ? StaffResult<string>.Success(id)
            : StaffResult<string>.Fail(error, error.EndsWith("not found", StringComparison.Ordinal) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
    }

    private Task QueueConfirmationAsync(SqliteConnection c, SqliteTransaction tx, string id, string email, DateTimeOffset now, CancellationToken ct)
    {
        var body = $"""
            Someone, hopefully you, asked to receive status updates from {page.Value.Name} at this address.

            Confirm the subscription by opening this link:
            {links.Link(LinkSigner.Confirm, id)}

            If it was not you, ignore this message: nothing more will be sent to you.
            """;
        return MailOutboxStore.EnqueueAsync(c, tx, new OutboxMail(email, $"Confirm your subscription to {page.Value.Name}", body),
            notifications.Value.Smtp.From, now, ct);
    }

    /// <summary>Only existing, public components can be chosen; none chosen means all.</summary>
    private async Task<IReadOnlyList<string>?> KnownComponentsAsync(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<string>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return null;
        }

        var known = (await components.ListAsync(c, tx, ct)).Where(x => !x.Hidden).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var chosen = ids.Where(known.Contains).Distinct().ToList();
        return chosen.Count == 0 ? null : chosen;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {Id} confirmed")]
    private static partial void LogConfirmed(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {Id} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string id);
}
