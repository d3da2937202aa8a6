using Microsoft.Data.Sqlite;
using SqliteKit;
using StatusSite.Data;

namespace StatusSite.Subscribers;

/// <summary>The webhook_outbox table: one row per call, retried until the receiver answers 2xx.</summary>
internal sealed class WebhookOutboxStore
{
    private const string InsertSql = """
        INSERT INTO webhook_outbox (subscriber_id, body, created_at, next_attempt_at) VALUES ($subscriber, $body, $now, $now)
        """;
    private const string DueSql = """
        SELECT id, subscriber_id, body, attempts FROM webhook_outbox
        WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $now ORDER BY id LIMIT 50
        """;
    private const string NextDueSql = "SELECT MIN(next_attempt_at) FROM webhook_outbox WHERE delivered_at IS NULL AND given_up_at IS NULL";
    private const string DeliveredSql = "UPDATE webhook_outbox SET delivered_at = $now, attempts = attempts + 1, last_error = NULL WHERE id = $id";
    private const string FailedSql = "UPDATE webhook_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next WHERE id = $id";
    private const string GiveUpSubscriberSql = """
        UPDATE webhook_outbox SET given_up_at = $now WHERE subscriber_id = $subscriber AND delivered_at IS NULL AND given_up_at IS NULL
        """;

    public Task AddAsync(SqliteConnection c, SqliteTransaction tx, string subscriberId, string body, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, tx, InsertSql, ct, ("$subscriber", subscriberId), ("$body", body), ("$now", DbTime.ToDb(now)));

    public async Task<IReadOnlyList<(long Id, string SubscriberId, string Body, int Attempts)>> DueAsync(SqliteConnection c, DateTimeOffset now, CancellationToken ct)
    {
        var list = new List<(long, string, string, int)>();
        await using var command = SqlCommands.Create(c, null, DueSql, ("$now", DbTime.ToDb(now)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return list;
    }

    public async Task<DateTimeOffset?> NextDueAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, NextDueSql);
        return DbTime.FromDbNullable(await command.ExecuteScalarAsync(ct) ?? DBNull.Value);
    }

    public Task MarkDeliveredAsync(SqliteConnection c, long id, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, null, DeliveredSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));

    public Task MarkFailedAsync(SqliteConnection c, long id, string error, DateTimeOffset next, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, null, FailedSql, ct, ("$id", id), ("$error", error), ("$next", DbTime.ToDb(next)));

    public Task GiveUpSubscriberAsync(SqliteConnection c, string subscriberId, DateTimeOffset now, CancellationToken ct) =>
        SqlCommands.ExecuteAsync(c, null, GiveUpSubscriberSql, ct, ("$subscriber", subscriberId), ("$now", DbTime.ToDb(now)));
}
