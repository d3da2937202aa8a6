using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SorryEdge.Cluster;
using SorryEdge.Events;
using SorryEdge.Health;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.StatusFeed;

/// <summary>
/// Turns site events into component states for the status site (major outage while the edge
/// answers for a dead site, under maintenance while switched off, operational otherwise) and
/// queues each change in the same transaction as its event: a change the edge recorded is never
/// lost, and an unchanged state is not sent twice.
/// </summary>
public sealed class StatusOutbox(SiteCatalog catalog, IServiceProvider services, IOptions<StatusSiteOptions> options, IOptions<ClusterOptions> cluster, TimeProvider time) : IEventFollower
{
    private const string LastStatus = "SELECT status FROM status_outbox WHERE site_id = $site ORDER BY id DESC LIMIT 1";
    private const string Insert = """
        INSERT INTO status_outbox (event_id, site_id, status, payload, created_at) VALUES ($event, $site, $status, $payload, $at)
        """;

    /// <summary>The event a start-up correction is recorded as (see <see cref="StatusOutboxReconciler"/>).</summary>
    public const string ReconciledKind = "status.reconciled";

    private static readonly HashSet<string> Kinds =
        ["site.created", "site.updated", "site.down", "site.up", "mode", "schedule.start", "schedule.end", "failback.latched", "resume", ReconciledKind];

    // Resolved late: the health tracker records events itself, so it cannot be a constructor argument.
    private IPublishedSiteHealth? _health;

    /// <summary>Raised after a change was queued, so the sender wakes at once.</summary>
    public event Action? Queued;

    /// <summary>The component state at the moment of the change: a quick down-and-up must still send both.</summary>
    public object? Capture(EdgeEvent change) =>
        // In a cluster only what the cluster agreed on (a write, or the overseer's record) is published.
        options.Value.Url is not null && Kinds.Contains(change.Kind) && (change.ClusterId is not null || !cluster.Value.Enabled) && catalog.Find(change.SiteId) is { } entry
            ? new ComponentState(CurrentStatus(entry), entry.Site.DisplayName)
            : null;

    public void OnRecorded(SqliteConnection connection, SqliteTransaction transaction, StoredEvent stored, object captured)
    {
        var (status, name) = (ComponentState)captured;
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
            component = stored.SiteId,
            componentName = name,
            group = o.Group,
            status,
            cause = $"{stored.Kind}: {stored.Cause}",
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
        if (TakeoverDecision.EffectiveMode(site.Mode, site.ModeUntil, site.Schedules, time.GetUtcNow()) != SiteMode.Auto)
        {
            return "under_maintenance";
        }

        _health ??= (IPublishedSiteHealth)services.GetService(typeof(IPublishedSiteHealth))!;
        return _health.IsDown(entry.Id) || entry.Record.Latched ? "major_outage" : "operational";
    }
}
