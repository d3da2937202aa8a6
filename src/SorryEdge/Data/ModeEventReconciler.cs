using Microsoft.Extensions.Logging;
using SorryEdge.Events;
using SorryEdge.Sites;
using SqliteKit;

namespace SorryEdge.Data;

/// <summary>
/// At start, recovers mode events a crash took: a site row commits before its event, so a kill
/// in between leaves a mode in force that the event log does not show. Such a site gets a
/// <c>mode</c> event from the last recorded mode to the one in force (which also queues its
/// status outbox row). Only unacknowledged writes can be affected: a 2xx waits for the event.
/// </summary>
internal sealed partial class ModeEventReconciler(EdgeDatabase database, SiteCatalog catalog, IEventRecorder events, ILogger<ModeEventReconciler> logger)
{
    private const string LastModes = $"""
        SELECT site_id, to_state FROM events WHERE id IN (
            SELECT MAX(id) FROM events WHERE kind IN ('{EventKinds.Mode}', '{EventKinds.SiteCreated}', '{EventKinds.SiteUpdated}') GROUP BY site_id)
        """;

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> recorded;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            recorded = await SqlCommands.ReadPairsAsync(connection, LastModes, cancellationToken);
        }

        var pending = new List<Task>();
        foreach (var entry in catalog.Sites.Values)
        {
            var inForce = SiteService.Name(entry.Site.Mode);
            if (recorded.TryGetValue(entry.Id, out var last) && last != inForce)
            {
                LogRecovered(entry.Id, last, inForce);
                pending.Add(events.RecordAsync(new EdgeEvent(entry.Id, EventKinds.Mode, last, inForce,
                    "recovered at start: the mode was stored but its event was lost when the edge stopped abruptly"), cancellationToken));
            }
        }

        await Task.WhenAll(pending);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site}: the event log ends on mode {Last} but {InForce} is in force; recorded the missing change")]
    private partial void LogRecovered(string site, string last, string inForce);
}
