using Microsoft.Data.Sqlite;

namespace SorryEdge.Events;

/// <summary>
/// Something that must learn of every event atomically with it: called inside the event's
/// transaction, so the event and what follows from it are stored together or not at all.
/// </summary>
public interface IEventFollower
{
    void OnRecorded(SqliteConnection connection, SqliteTransaction transaction, StoredEvent stored);

    /// <summary>Called after the transaction committed.</summary>
    void AfterCommit();
}
