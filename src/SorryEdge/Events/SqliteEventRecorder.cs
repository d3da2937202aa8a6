using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SorryEdge.Data;

namespace SorryEdge.Events;

/// <summary>
/// Appends every state change to the events table, logs it and counts it. Writes are
/// synchronous and serialized: events are rare, and one that was recorded must not be lost.
/// </summary>
public sealed partial class SqliteEventRecorder(EdgeDatabase database, EdgeMetrics metrics, IEnumerable<IEventFollower> followers, TimeProvider time, ILogger<SqliteEventRecorder> logger) : IEventRecorder
{
    private const string Insert = """
        INSERT INTO events (at, site_id, kind, from_state, to_state, cause, actor)
        VALUES ($at, $site, $kind, $from, $to, $cause, $actor)
        """;
    private const string Select = """
        SELECT id, at, site_id, kind, from_state, to_state, cause, actor FROM events
        WHERE site_id = $site AND at >= $since AND at < $until AND id > $after
        ORDER BY id LIMIT $limit
        """;

    private readonly Lock _gate = new();

    public void Record(EdgeEvent change)
    {
        var at = time.GetUtcNow();
        StoredEvent stored;
        try
        {
            lock (_gate)
            {
                using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Insert + " RETURNING id";
                command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$site", change.SiteId);
                command.Parameters.AddWithValue("$kind", change.Kind);
                command.Parameters.AddWithValue("$from", change.From);
                command.Parameters.AddWithValue("$to", change.To);
                command.Parameters.AddWithValue("$cause", change.Cause);
                command.Parameters.AddWithValue("$actor", (object?)change.Actor ?? DBNull.Value);
                var id = (long)command.ExecuteScalar()!;
                stored = new StoredEvent(id, at, change.SiteId, change.Kind, change.From, change.To, change.Cause, change.Actor);
                foreach (var follower in followers)
                {
                    follower.OnRecorded(connection, transaction, stored);
                }

                transaction.Commit();
            }
        }
        catch (Exception ex)
        {
            LogStoreFailed(change.SiteId, change.Kind, ex);
            throw;
        }

        metrics.CountEvent(change.Kind);
        LogRecorded(change.SiteId, change.Kind, change.From, change.To, change.Cause, change.Actor ?? "edge");
        foreach (var follower in followers)
        {
            follower.AfterCommit();
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ListAsync(string siteId, DateTimeOffset? since, DateTimeOffset? until, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select;
        command.Parameters.AddWithValue("$site", siteId);
        command.Parameters.AddWithValue("$since", (since ?? DateTimeOffset.MinValue).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$until", (until ?? DateTimeOffset.MaxValue).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new StoredEvent(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {Site}: {Kind} {From} -> {To} ({Cause}) by {Actor}")]
    private partial void LogRecorded(string site, string kind, string from, string to, string cause, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing event {Kind} of site {Site} failed")]
    private partial void LogStoreFailed(string site, string kind, Exception ex);
}
