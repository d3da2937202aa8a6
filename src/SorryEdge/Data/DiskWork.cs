namespace SorryEdge.Data;

/// <summary>
/// Keeps blocking disk work off the socket engine's threads. SQLite's I/O and fsync are
/// synchronous, and with inline socket completions (the edge's production setting) the code
/// after an outgoing request — a probe, the status feed, etcd — runs on the socket engine's own
/// thread, where one fsync, or a stalled disk, would hold every connection of the process.
/// </summary>
internal static class DiskWork
{
    /// <summary>Continues on a thread-pool thread (at once when already on one).</summary>
    public static ValueTask LeaveSocketThreadAsync() => Thread.CurrentThread.IsThreadPoolThread ? ValueTask.CompletedTask : HopAsync();

    private static async ValueTask HopAsync() => await Task.Yield();
}
