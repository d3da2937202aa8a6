namespace SqliteKit;

/// <summary>
/// The pragmas every connection of the three programs runs with: the strongest any of them used before
/// (the edge's), so an acknowledged write survives a crash or power loss in each.
/// </summary>
internal static class SqlitePragmas
{
    /// <summary>
    /// Per connection: foreign keys are off by default in SQLite; synchronous FULL fsyncs the WAL at every
    /// commit (NORMAL could lose the last commits on power loss); a writer waits up to 5 s for another's lock.
    /// </summary>
    public const string PerConnection = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";

    /// <summary>Once per file, at migration: WAL lets readers go on during a write; the mode is stored in the file.</summary>
    public const string JournalMode = "PRAGMA journal_mode = WAL;";

    /// <summary>Seconds a command may run before Microsoft.Data.Sqlite gives up (it also retries while busy).</summary>
    public const int CommandTimeoutSeconds = 30;
}
