using Microsoft.Data.Sqlite;
using SqliteKit;

namespace StatusSite.Data;

/// <summary>
/// Queues what subscribers must hear of (an incident update, a component change) in the same transaction as the
/// change itself; the notification dispatcher fans each notice out to the matching subscribers.
/// </summary>
internal sealed class NoticeStore
{
    public const string Incident = "incident";
    public const string Component = "component";

    private const string InsertSql = """
        INSERT INTO notices (kind, subject_id, update_id, old_status, new_status, created_at)
        VALUES ($kind, $subject, $update, $old, $new, $now)
        """;
    private const string PendingSql = """
        SELECT id, kind, subject_id, update_id, old_status, new_status, created_at FROM notices
        WHERE dispatched_at IS NULL ORDER BY id LIMIT 100
        """;
    private const string AnyPendingSql = "SELECT EXISTS (SELECT 1 FROM notices WHERE dispatched_at IS NULL)";
    private const string DoneSql = "UPDATE notices SET dispatched_at = $now WHERE id = $id";

    public static Task AddIncidentAsync(
        SqliteConnection c, SqliteTransaction tx, string incidentId, string updateId, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$kind", Incident), ("$subject", incidentId), ("$update", updateId), ("$old", null), ("$new", null), ("$now", DbTime.ToDb(now)));

    public static Task AddComponentAsync(
        SqliteConnection c, SqliteTransaction tx, string componentId, string oldStatus, string newStatus, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertSql, ct,
            ("$kind", Component), ("$subject", componentId), ("$update", null), ("$old", oldStatus), ("$new", newStatus), ("$now", DbTime.ToDb(now)));

    public async Task<IReadOnlyList<Notice>> PendingAsync(SqliteConnection c, SqliteTransaction tx, CancellationToken ct)
    {
        var list = new List<Notice>();
        await using var command = SqlCommands.Create(c, tx, PendingSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new Notice(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), SqlCommands.NullableString(reader, 3),
                SqlCommands.NullableString(reader, 4), SqlCommands.NullableString(reader, 5), DbTime.FromDb(reader.GetInt64(6))));
        }

        return list;
    }

    public async Task<bool> AnyPendingAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, AnyPendingSql);
        return (long)(await command.ExecuteScalarAsync(ct))! != 0;
    }

    public Task MarkDispatchedAsync(SqliteConnection c, SqliteTransaction tx, long id, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, DoneSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));
}
