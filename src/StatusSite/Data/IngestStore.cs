using Microsoft.Data.Sqlite;
using SqliteKit;

namespace StatusSite.Data;

/// <summary>Remembers every ingest event by id: the dedupe key of the edge's outbox.</summary>
internal sealed class IngestStore
{
    private const string InsertSql = """
        INSERT INTO ingest_events (id, source, component_id, status, cause, occurred_at, received_at, applied)
        VALUES ($id, $source, $component, $status, $cause, $occurred, $received, 0)
        ON CONFLICT (id) DO NOTHING
        """;
    private const string MarkAppliedSql = "UPDATE ingest_events SET applied = 1 WHERE id = $id";

    /// <summary>Returns false when the id was seen before.</summary>
    public async Task<bool> TryInsertAsync(
        SqliteConnection c, SqliteTransaction tx, Ingest.IngestEvent e, DateTimeOffset received, CancellationToken ct) =>
        await SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$id", e.Id), ("$source", e.Source), ("$component", e.Component), ("$status", e.Status), ("$cause", e.Cause),
            ("$occurred", DbTime.ToDb(e.OccurredAt!.Value)), ("$received", DbTime.ToDb(received))) == 1;

    public Task MarkAppliedAsync(SqliteConnection c, SqliteTransaction tx, string id, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, MarkAppliedSql, ct, ("$id", id));
}
