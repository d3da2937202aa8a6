using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SorryEdge.Data;
using SorryEdge.Events;
using SorryEdge.Sites;
using SqliteKit;

namespace SorryEdge.StatusFeed;

/// <summary>
/// At start, brings the status outbox in line with the state in force: a site whose last queued
/// component status differs from what the edge would report now (a crash after a change, a
/// status site configured later) gets a <c>status.reconciled</c> event and its outbox row, so
/// the status site converges instead of showing what was true before the crash.
/// </summary>
internal sealed partial class StatusOutboxReconciler(EdgeDatabase database, SiteCatalog catalog, StatusOutbox outbox, IEventRecorder events,
    IOptions<StatusSiteOptions> options, ILogger<StatusOutboxReconciler> logger)
{
    private const string LastStatuses = """
        SELECT site_id, status FROM status_outbox WHERE id IN (SELECT MAX(id) FROM status_outbox GROUP BY site_id)
        """;

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Url is null)
        {
            return;
        }

        Dictionary<string, string> last;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            last = await SqlCommands.ReadPairsAsync(connection, LastStatuses, cancellationToken);
        }

        var pending = new List<Task>();
        foreach (var entry in catalog.Sites.Values)
        {
            var now = outbox.CurrentStatus(entry);
            var before = last.GetValueOrDefault(entry.Id);
            if (before != now)
            {
                LogReconciled(entry.Id, before ?? "nothing", now);
                pending.Add(events.RecordAsync(new EdgeEvent(entry.Id, EventKinds.StatusReconciled, before ?? "none", now,
                    "status site brought in line with the state in force at start"), cancellationToken));
            }
        }

        await Task.WhenAll(pending);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: the status outbox last said {Before} but the state in force is {Now}; queued the correction")]
    private partial void LogReconciled(string site, string before, string now);
}
