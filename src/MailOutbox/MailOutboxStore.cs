using System.Text.Json;
using Microsoft.Data.Sqlite;
using SqliteKit;

namespace MailOutbox;

/// <summary>
/// The mail_outbox table (in the edge's and the status site's database, created by each one's
/// embedded migration). Mail is queued in the caller's transaction, so a change and the mail about it commit together.
/// </summary>
public static class MailOutboxStore
{
    private const string InsertSql = """
        INSERT INTO mail_outbox (message_id, recipient, subject, text_body, headers, created_at, next_attempt_at)
        VALUES ($mid, $to, $subject, $body, $headers, $now, $now) RETURNING id
        """;
    private const string DueSql = """
        SELECT id, message_id, recipient, subject, text_body, headers, created_at, attempts FROM mail_outbox
        WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $now ORDER BY id LIMIT $limit
        """;
    private const string NextDueSql = "SELECT MIN(next_attempt_at) FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL";
    private const string SentSql = "UPDATE mail_outbox SET sent_at = $now, attempts = attempts + 1, last_error = NULL WHERE id = $id";
    private const string FailedSql = "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next WHERE id = $id";
    private const string GiveUpSql = "UPDATE mail_outbox SET given_up_at = $now, last_error = $error WHERE id = $id";

    public static async Task<long> EnqueueAsync(
        SqliteConnection c, SqliteTransaction? tx, OutboxMail mail, string fromAddress, DateTimeOffset now, CancellationToken ct)
    {
        // Stable Message-Id: chosen once, so a retried message is recognisably the same message.
        var domain = fromAddress[(fromAddress.LastIndexOf('@') + 1)..].Trim('>', ' ');
        await using var command = SqlCommands.Create(c, tx, InsertSql,
            ("$mid", $"{Guid.NewGuid():N}@{domain}"), ("$to", mail.Recipient), ("$subject", mail.Subject), ("$body", mail.TextBody),
            ("$headers", mail.Headers is { Count: > 0 } h ? JsonSerializer.Serialize(h) : null), ("$now", DbTime.ToDb(now)));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<IReadOnlyList<QueuedMail>> DueAsync(SqliteConnection c, DateTimeOffset now, int limit, CancellationToken ct)
    {
        var list = new List<QueuedMail>();
        await using var command = SqlCommands.Create(c, null, DueSql, ("$now", DbTime.ToDb(now)), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var headers = reader.IsDBNull(5) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))!;
            list.Add(new QueuedMail(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                headers, DbTime.FromDb(reader.GetInt64(6)), reader.GetInt32(7)));
        }

        return list;
    }

    public static async Task<DateTimeOffset?> NextDueAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var command = SqlCommands.Create(c, null, NextDueSql);
        return DbTime.FromDbNullable(await command.ExecuteScalarAsync(ct));
    }

    public static Task MarkSentAsync(SqliteConnection c, long id, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(c, SentSql, ct, ("$id", id), ("$now", DbTime.ToDb(now)));

    public static Task MarkFailedAsync(SqliteConnection c, long id, string error, DateTimeOffset next, CancellationToken ct) =>
        ExecuteAsync(c, FailedSql, ct, ("$id", id), ("$error", error), ("$next", DbTime.ToDb(next)));

    public static Task GiveUpAsync(SqliteConnection c, long id, string error, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync(c, GiveUpSql, ct, ("$id", id), ("$error", error), ("$now", DbTime.ToDb(now)));

    private static async Task ExecuteAsync(SqliteConnection c, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = SqlCommands.Create(c, null, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }
}
