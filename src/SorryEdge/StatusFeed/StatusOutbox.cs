using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SorryEdge.Configuration;
using SorryEdge.Damping;
using SorryEdge.Events;
using SorryEdge.Sites;

namespace SorryEdge.StatusFeed;

/// <summary>
/// Turns site events into component states for the status site (major outage while the site is
/// published down, degraded while it is damped as flapping, under maintenance while switched off,
/// operational otherwise; sent to the site's own component or the one staff mapped it to) and
/// queues each change in the same transaction as its event: a change the edge recorded is never
/// lost, and an unchanged state is not sent twice.
/// </summary>
internal sealed class StatusOutbox(
    SiteCatalog catalog, SitePublisher publisher, IPublicationGate gate, IOptions<StatusSiteOptions> options, IOptions<ClusterOptions> cluster, TimeProvider time) : IEventFollower
{
    private const string LastStatus = "SELECT status FROM status_outbox WHERE site_id = $site ORDER BY id DESC LIMIT 1";
    private const string Insert = """
        INSERT INTO status_outbox (event_id, site_id, status, payload, created_at) VALUES ($event, $site, $status, $payload, $at)
        """;

    private static readonly HashSet<string> Kinds =
        [EventKinds.SiteCreated, EventKinds.SiteUpdated, EventKinds.SitePublished, EventKinds.Mode, EventKinds.ScheduleStart, EventKinds.ScheduleEnd, EventKinds.FailbackLatched, EventKinds.Resume, EventKinds.StatusReconciled];

    /// <summary>Raised after a change was queued, so the sender wakes at once.</summary>
    public event Action? Queued;

    /// <summary>The component state at the moment of the change: a quick down-and-up must still send both.</summary>
    public EventFollowUp? Capture(EdgeEvent change)
    {
        if (options.Value.Url is null || !Kinds.Contains(change.Kind) || catalog.Find(change.SiteId) is not { } entry || !Queues(change))
        {
            return null;
        }

        var state = new ComponentState(CurrentStatus(entry), entry.Site.DisplayName, entry.Site.StatusComponent ?? entry.Id);
        return (connection, transaction, stored) => Enqueue(connection, transaction, stored, state);
    }

    /// <summary>
    /// Single node: whatever the publisher may publish. Cluster: every node queues what the cluster
    /// agreed on (writes and the overseer's records, one id everywhere; only the overseer sends), and
    /// the overseer its damped <c>site.published</c> changes.
    /// </summary>
    private bool Queues(EdgeEvent change) =>
        cluster.Value.Enabled ? change.ClusterId is not null || (change.Kind == EventKinds.SitePublished && gate.IsPublisher) : gate.IsPublisher;

    private void Enqueue(SqliteConnection connection, SqliteTransaction transaction, StoredEvent stored, ComponentState state)
    {
        var (status, name, component) = state;
        using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = LastStatus;
            last.Parameters.AddWithValue("$site", stored.SiteId);
            if (last.ExecuteScalar() as string == status)
            {
                return;
            }
        }

        var o = options.Value;
        var payload = JsonSerializer.Serialize(new
        {
            // A cluster event has one id on every node, so whichever overseer sends it, it counts once.
            id = stored.ClusterId is { } clusterId ? "cluster-" + clusterId : $"{o.NodeId}-{stored.Id}",
            source = "edge",
            component,
            componentName = name,
            group = o.Group,
            status,
            // A published change's cause starts "flapping" when damped: the status site shows that word, and no more.
            cause = stored.Kind == EventKinds.SitePublished ? stored.Cause : $"{stored.Kind}: {stored.Cause}",
            occurredAt = stored.At,
        });
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = Insert;
        insert.Parameters.AddWithValue("$event", stored.Id);
        insert.Parameters.AddWithValue("$site", stored.SiteId);
        insert.Parameters.AddWithValue("$status", status);
        insert.Parameters.AddWithValue("$payload", payload);
        insert.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();
    }

    public void AfterCommit()
    {
        // A spare wake-up costs one empty query; the sender looks at the table, not at a flag.
        if (options.Value.Url is not null)
        {
            Queued?.Invoke();
        }
    }

    /// <summary>The component status the edge reports for a site now.</summary>
    internal string CurrentStatus(SiteEntry entry)
    {
        var site = entry.Site;
        if (EffectiveMode.At(site.Mode, site.ModeUntil, site.Schedules, time.GetUtcNow()) != SiteMode.Auto)
        {
            return "under_maintenance";
        }

        // The published (damped) state, not the raw one: a flapping site is degraded, not up and down every second.
        return publisher.Published(entry.Id) switch
        {
            PublishedState.Down => "major_outage",
            PublishedState.Flapping => "degraded_performance",
            _ => entry.Record.Latched ? "major_outage" : "operational",
        };
    }
}
