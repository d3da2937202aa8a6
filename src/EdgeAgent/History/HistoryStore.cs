using EdgeAgent.Evaluation;
using SqliteKit;

namespace EdgeAgent.History;

/// <summary>The testing history: every check result, bounded by age and by a count per check.</summary>
internal sealed class HistoryStore(SqliteDatabase database)
{
    private const string Insert = """
        INSERT INTO check_results (check_name, at_ms, status, hard, flapping, value, message)
        VALUES ($name, $at, $status, $hard, $flapping, $value, $message)
        """;

    private const string SelectRecent = """
        SELECT check_name, at_ms, status, hard, flapping, value, message FROM check_results
        WHERE check_name = $name ORDER BY id DESC LIMIT $limit
        """;

    private const string DeleteOlderThan = "DELETE FROM check_results WHERE at_ms < $cutoff";

    private const string DeleteBeyondCount = """
        DELETE FROM check_results WHERE check_name = $name AND id <= (
            SELECT id FROM check_results WHERE check_name = $name ORDER BY id DESC LIMIT 1 OFFSET $keep)
        """;

    private const string SelectNames = "SELECT DISTINCT check_name FROM check_results";

    public async Task AddAsync(CheckSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Insert;
        command.Parameters.AddWithValue("$name", snapshot.Name);
        command.Parameters.AddWithValue("$at", DbTime.ToDb(snapshot.LastRun ?? snapshot.Since));
        command.Parameters.AddWithValue("$status", snapshot.Status.ToWire());
        command.Parameters.AddWithValue("$hard", snapshot.Hard ? 1 : 0);
        command.Parameters.AddWithValue("$flapping", snapshot.Flapping ? 1 : 0);
        command.Parameters.AddWithValue("$value", snapshot.Value is { } v ? v : DBNull.Value);
        command.Parameters.AddWithValue("$message", snapshot.Message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest results of a check, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryRecord>> RecentAsync(string name, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectRecent;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<HistoryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new HistoryRecord(reader.GetString(0), DbTime.FromDb(reader.GetInt64(1)),
                reader.GetString(2), reader.GetInt64(3) != 0, reader.GetInt64(4) != 0,
                reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.GetString(6)));
        }

        records.Reverse();
        return records;
    }

    /// <summary>Drops results older than <paramref name="cutoff"/> and all but the newest <paramref name="keepPerCheck"/> per check.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int keepPerCheck, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var byAge = connection.CreateCommand();
        byAge.CommandText = DeleteOlderThan;
        byAge.Parameters.AddWithValue("$cutoff", DbTime.ToDb(cutoff));
        var deleted = await byAge.ExecuteNonQueryAsync(cancellationToken);

        var names = new List<string>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = SelectNames;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var byCount = connection.CreateCommand();
            byCount.CommandText = DeleteBeyondCount;
            byCount.Parameters.AddWithValue("$name", name);
            byCount.Parameters.AddWithValue("$keep", keepPerCheck);
            deleted += await byCount.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }
}
