using System.Text;
using MailOutbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SorryEdge.Damping;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;

namespace SorryEdge.Notifications;

/// <summary>
/// Turns published site changes (down, up, flapping, maintenance on and off, manual failback waiting) into mail,
/// queued in the same transaction as the event: the site's customer addresses get one mail per change at once; staff
/// items wait in the digest table so that many sites failing together make one mail. Only published changes count,
/// so damping already keeps a flapping backend from becoming a storm.
/// </summary>
internal sealed class NotificationOutbox(
    SiteCatalog catalog, DestinationHealthTracker tracker, IPublicationGate gate, IOptions<EdgeNotificationOptions> options,
    OutboxSignal mail, TimeProvider time) : IEventFollower
{
    /// <summary>The header naming the site a mail is about, so a given-up message can be logged as that site's event.</summary>
    public const string SiteHeader = "X-SorryEdge-Site";

    private static readonly HashSet<string> Kinds = [EventKinds.SitePublished, EventKinds.Mode, EventKinds.ScheduleStart, EventKinds.ScheduleEnd];

    /// <summary>Raised after staff items were queued, so the digest worker starts its window.</summary>
    public event Action? StaffQueued;

    public EventFollowUp? Capture(EdgeEvent change)
    {
        var o = options.Value;
        if (!Kinds.Contains(change.Kind) || change.From == change.To || !gate.IsPublisher || catalog.Find(change.SiteId) is not { } entry
            || (entry.Site.NotifyEmails.Count == 0 && o.StaffAddresses.Length == 0))
        {
            return null;
        }

        var (subject, body) = Compose(entry, change);
        var item = new NotificationItem(entry.Id, subject, body, entry.Site.NotifyEmails, o.StaffAddresses.Length > 0);
        return (connection, transaction, _) => Enqueue(connection, transaction, item);
    }

    private void Enqueue(SqliteConnection connection, SqliteTransaction transaction, NotificationItem item)
    {
        var now = time.GetUtcNow();
        var headers = new Dictionary<string, string> { [SiteHeader] = item.SiteId };
        foreach (var to in item.Customers.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Microsoft.Data.Sqlite runs its async methods synchronously; the event writer's transaction is synchronous too.
            MailOutboxStore.EnqueueAsync(connection, transaction, new OutboxMail(to, item.Subject, item.Body, headers),
                options.Value.Smtp.From, now, CancellationToken.None).GetAwaiter().GetResult();
        }

        if (item.Staff)
        {
            StaffDigestStore.Add(connection, transaction, item, now);
        }
    }

    public void AfterCommit()
    {
        mail.Wake();
        StaffQueued?.Invoke();
    }

    private (string Subject, string Body) Compose(SiteEntry entry, EdgeEvent change)
    {
        var site = entry.Site;
        var name = site.DisplayName;
        var hosts = string.Join(", ", site.Hostnames);
        var (subject, first) = change.Kind switch
        {
            EventKinds.SitePublished when change.To == SiteStateWords.Down => ($"{name} is down", $"Every backend of {name} ({hosts}) is down. The edge answers its visitors ({Answer(site)}) until one is healthy again."),
            EventKinds.SitePublished when change.To == SiteStateWords.Flapping => ($"{name} is flapping", $"The backends of {name} ({hosts}) keep changing state. Until they settle, the site is reported as flapping instead of every change."),
            EventKinds.SitePublished when site.Failback == FailbackMode.Manual && entry.Record.Latched =>
                ($"{name} is healthy again and waits for a manual resume", $"A backend of {name} ({hosts}) is healthy again. Failback is manual: the edge keeps answering until someone resumes the site."),
            EventKinds.SitePublished => ($"{name} is back up", $"{name} ({hosts}) is served by its backends again."),
            EventKinds.ScheduleStart => ($"Scheduled maintenance of {name} started", $"A scheduled maintenance window of {name} ({hosts}) started: visitors get {Answer(site)}."),
            EventKinds.ScheduleEnd => ($"Scheduled maintenance of {name} ended", $"The scheduled maintenance window of {name} ({hosts}) ended."),
            _ when change.To == "auto" => ($"Maintenance of {name} ended", $"{name} ({hosts}) is back in automatic mode (was {change.From})."),
            _ => ($"Maintenance of {name} started", $"{name} ({hosts}) was switched to {change.To}: visitors get {Answer(site)}."),
        };

        var sb = new StringBuilder(first).Append("\n\nCause: ").Append(change.Cause).Append('\n');
        if (change.Kind == EventKinds.SitePublished)
        {
            sb.Append("\nBackends:\n");
            var states = tracker.Describe(entry);
            for (var i = 0; i < states.Count && i < site.Backends.Count; i++)
            {
                var d = states[i];
                sb.Append("  ").Append(site.Backends[i].Url).Append(": ").Append(HealthWords.Of(d.Health))
                    .Append(d.LastCheck is { } last ? $" (last check: {last.Detail})" : string.Empty).Append('\n');
            }
        }

        sb.Append("\nSite: ").Append(entry.Id).Append("\nTime: ").Append(time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return ("[SorryEdge] " + subject, sb.ToString());
    }

    private static string Answer(Site site) => site.Action == TakeoverAction.Redirect && site.Redirect is { } r
        ? "a redirect to " + r.Url
        : "the sorry page (503)";
}
