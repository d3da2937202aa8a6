using System.Globalization;
using SorryEdge.Data;
using SqliteKit;

namespace SorryEdge.Cluster;

/// <summary>
/// The etcd revision this node's local copy has applied, persisted beside the copy so a restart
/// catches up from there; writers wait on it so a caller reads its own write on this node.
/// </summary>
internal sealed class ClusterProgress(EdgeDatabase database)
{
    private const string Select = "SELECT value FROM cluster_state WHERE key = 'applied'";
    private const string Upsert = "INSERT INTO cluster_state (key, value) VALUES ('applied', $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";

    private readonly Lock _gate = new();
    private readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    private long _applied;

    public long Applied => Interlocked.Read(ref _applied);

    public async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqlCommands.Create(connection, null, Select);
        var stored = await command.ExecuteScalarAsync(cancellationToken) is string text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        Interlocked.Exchange(ref _applied, stored);
        return stored;
    }

    /// <summary>Records that everything up to <paramref name="revision"/> is in the local copy.</summary>
    public async Task AdvanceAsync(long revision, CancellationToken cancellationToken)
    {
        if (revision > Applied)
        {
            await SetAsync(revision, cancellationToken);
        }
    }

    /// <summary>Sets the applied revision after a full resync (a new etcd cluster may count from below it).</summary>
    public async Task SetAsync(long revision, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = SqlCommands.Create(connection, null, Upsert, ("$v", revision.ToString(CultureInfo.InvariantCulture))))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            Interlocked.Exchange(ref _applied, revision);
            _waiters.RemoveAll(w =>
            {
                if (w.Revision > revision)
                {
                    return false;
                }

                done.Add(w.Done);
                return true;
            });
        }

        done.ForEach(d => d.TrySetResult());
    }

    /// <summary>Waits until the local copy has applied <paramref name="revision"/>; false when the time ran out first.</summary>
    public async Task<bool> WaitAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (Applied >= revision)
            {
                return true;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((revision, waiter));
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
