using Microsoft.Data.Sqlite;

namespace SorryEdge.Events;

/// <summary>
/// What a follower writes for one event inside the event's transaction, holding what it captured
/// at the moment of the change.
/// </summary>
internal delegate void EventFollowUp(SqliteConnection connection, SqliteTransaction transaction, StoredEvent stored);
