using Microsoft.Data.Sqlite;

namespace SorryEdge.Notifications;

/// <summary>The staff_digest table: staff items wait for the digest window and leave as one mail.</summary>
internal static class StaffDigestStore
{
    private const string InsertSql = "INSERT INTO staff_digest (site_id, subject, body, created_at) VALUES ($site, $subject, $body, $now)";
    private const string PendingSql = "SELECT id, site_id, subject, body, created_at FROM staff_digest WHERE digested_at IS NULL ORDER BY id LIMIT 1000";
    private const string DoneSql = "UPDATE staff_digest SET digested_at = $now WHERE digested_at IS NULL AND id <= $last";

    public static void Add(SqliteConnection c, SqliteTransaction tx, NotificationItem item, DateTimeOffset now)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = InsertSql;
        command.Parameters.AddWithValue("$site", item.SiteId);
        command.Parameters.AddWithValue("$subject", item.Subject);
        command.Parameters.AddWithValue("$body", item.Body);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    public static async Task<IReadOnlyList<(long Id, string SiteId, string Subject, string Body, DateTimeOffset At)>> PendingAsync(
        SqliteConnection c, SqliteTransaction? tx, CancellationToken ct)
    {
        var list = new List<(long, string, string, string, DateTimeOffset)>();
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = PendingSql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return list;
    }

    public static async Task MarkDoneAsync(SqliteConnection c, SqliteTransaction tx, long lastId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = DoneSql;
        command.Parameters.AddWithValue("$last", lastId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
    }
}
