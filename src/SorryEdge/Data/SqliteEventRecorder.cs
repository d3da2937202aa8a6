using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SorryEdge.Events;

namespace SorryEdge.Data;

/// <summary>
/// Appends every state change to the events table, logs it and counts it. Callers never wait
/// on the disk: a change is queued in order and one writer commits everything queued since its
/// last commit in a single transaction (group commit). Ten thousand sites changing state at once
/// cost a few fsyncs instead of ten thousand on the health path. Reads flush first, so what a
/// caller recorded is always visible to what it reads next; shutdown drains the queue.
/// <see cref="RecordAsync"/> rides the same group commit but waits for it, for writes that are
/// acknowledged to a caller.
/// </summary>
internal sealed partial class SqliteEventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int MaxBatch = 1000;
    private const string Insert = """
        INSERT INTO events (at, site_id, kind, from_state, to_state, cause, actor, cluster_id)
        VALUES ($at, $site, $kind, $from, $to, $cause, $actor, $cluster) ON CONFLICT DO NOTHING RETURNING id
        """;
    private const string Select = $"""
        SELECT id, at, site_id, kind, from_state, to_state, cause, actor FROM events
        WHERE site_id = $site AND at >= $since AND at < $until AND id > $after
          -- A site re-created under an old id (perhaps by another customer) starts a new history at its creation.
          AND id >= COALESCE((SELECT MAX(id) FROM events WHERE site_id = $site AND kind = '{EventKinds.SiteCreated}'), 0)
        ORDER BY id LIMIT $limit
        """;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EdgeDatabase _database;
    private readonly EdgeMetrics _metrics;
    private readonly IEventFollowers? _followers;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteEventRecorder> _logger;
    private readonly Task _writer;

    public SqliteEventRecorder(EdgeDatabase database, EdgeMetrics metrics, IEventFollowers? followers, TimeProvider time, ILogger<SqliteEventRecorder> logger)
    {
        _database = database;
        _metrics = metrics;
        _followers = followers;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    private IReadOnlyList<IEventFollower> Followers => _followers?.All ?? [];

    public void Record(EdgeEvent change) => Enqueue(change, _time.GetUtcNow(), null);

    /// <summary>Records a change that happened at <paramref name="at"/> (a cluster write replayed on this node).</summary>
    public void Record(EdgeEvent change, DateTimeOffset at) => Enqueue(change, at, null);

    public Task RecordAsync(EdgeEvent change, CancellationToken cancellationToken)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Enqueue(change, _time.GetUtcNow(), committed))
        {
            throw new EventNotStoredException($"The {change.Kind} event of site {change.SiteId} came after shutdown and was not stored.", null);
        }

        return committed.Task.WaitAsync(cancellationToken);
    }

    private bool Enqueue(EdgeEvent change, DateTimeOffset at, TaskCompletionSource? committed)
    {
        var followers = Followers;
        var captured = new EventFollowUp?[followers.Count];
        for (var i = 0; i < followers.Count; i++)
        {
            captured[i] = followers[i].Capture(change);
        }

        if (_queue.Writer.TryWrite(new Pending(change, at, captured, committed)))
        {
            return true;
        }

        LogDroppedAfterShutdown(change.SiteId, change.Kind, change.From, change.To, change.Cause);
        return false;
    }

    /// <summary>Completes once every event recorded before the call is committed (or failed and logged).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Pending(null, default, [], done)) ? done.Task.WaitAsync(cancellationToken) : _writer.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                // The writer must outlive anything a batch throws, or reads would wait forever.
                LogBatchFailed(batch.Count, ex);
                foreach (var pending in batch)
                {
                    pending.Done?.TrySetException(new EventNotStoredException("The event writer failed.", ex));
                }
            }
            finally
            {
                foreach (var pending in batch)
                {
                    // Flush markers, and anything not answered above, complete now.
                    pending.Done?.TrySetResult();
                }

                batch.Clear();
            }
        }
    }

    private void WriteBatch(List<Pending> batch)
    {
        var changes = batch.Where(p => p.Change is not null).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        // One transaction for the burst; if it fails, each event alone, so one bad event loses only itself.
        var stored = TryStore(changes, logFailures: changes.Count == 1, out var failure);
        if (stored is not null)
        {
            changes.ForEach(c => c.Done?.TrySetResult());
        }
        else if (changes.Count == 1)
        {
            changes[0].Done?.TrySetException(new EventNotStoredException("Storing the event failed.", failure));
        }
        else
        {
            stored = [];
            foreach (var change in changes)
            {
                var one = TryStore([change], logFailures: true, out var error);
                stored.AddRange(one ?? []);
                if (one is null)
                {
                    change.Done?.TrySetException(new EventNotStoredException("Storing the event failed.", error));
                }
                else
                {
                    change.Done?.TrySetResult();
                }
            }
        }

        foreach (var change in stored ?? [])
        {
            _metrics.CountEvent(change.Kind);
            LogRecorded(change.SiteId, change.Kind, change.From, change.To, change.Cause, change.Actor ?? "edge");
        }

        if (stored is { Count: > 0 })
        {
            foreach (var follower in Followers)
            {
                follower.AfterCommit();
            }
        }
    }

    private List<StoredEvent>? TryStore(List<Pending> changes, bool logFailures, out Exception? failure)
    {
        failure = null;
        try
        {
            var stored = new List<StoredEvent>(changes.Count);
            using var connection = _database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert;
            var parameters = new[] { "$at", "$site", "$kind", "$from", "$to", "$cause", "$actor", "$cluster" }.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var (change, at, captured, _) in changes)
            {
                parameters[0].Value = at.ToString("O", CultureInfo.InvariantCulture);
                parameters[1].Value = change!.SiteId;
                parameters[2].Value = change.Kind;
                parameters[3].Value = change.From;
                parameters[4].Value = change.To;
                parameters[5].Value = change.Cause;
                parameters[6].Value = (object?)change.Actor ?? DBNull.Value;
                parameters[7].Value = (object?)change.ClusterId ?? DBNull.Value;
                if (command.ExecuteScalar() is not long id)
                {
                    // A cluster write this node recorded before (a replay after a restart or resync).
                    continue;
                }

                var row = new StoredEvent(id, at, change.SiteId, change.Kind, change.From, change.To, change.Cause, change.Actor, change.ClusterId);
                foreach (var followUp in captured)
                {
                    followUp?.Invoke(connection, transaction, row);
                }

                stored.Add(row);
            }

            transaction.Commit();
            return stored;
        }
        catch (Exception ex)
        {
            failure = ex;
            if (logFailures)
            {
                foreach (var (change, _, _, _) in changes)
                {
                    LogStoreFailed(change!.SiteId, change.Kind, change.From, change.To, change.Cause, ex);
                }
            }

            return null;
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ListAsync(string siteId, DateTimeOffset? since, DateTimeOffset? until, long after, int limit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing event {Kind} of site {Site} ({From} -> {To}, {Cause}) failed; it is only in this log")]
    private partial void LogStoreFailed(string site, string kind, string from, string to, string cause, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Kind} of site {Site} ({From} -> {To}, {Cause}) came after shutdown and was not stored")]
    private partial void LogDroppedAfterShutdown(string site, string kind, string from, string to, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "The event writer failed on a batch of {Count}; it goes on")]
    private partial void LogBatchFailed(int count, Exception ex);

    /// <param name="Done">Completed when the change is committed (or, for a flush marker, when the queue before it is).</param>
    private readonly record struct Pending(EdgeEvent? Change, DateTimeOffset At, EventFollowUp?[] Captured, TaskCompletionSource? Done);
}
