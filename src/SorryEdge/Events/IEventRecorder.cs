namespace SorryEdge.Events;

/// <summary>
/// The one place state changes go: appended to the events table (the audit log), logged,
/// counted in metrics and queued for the status site.
/// </summary>
internal interface IEventRecorder
{
    /// <summary>Queues the change; the caller does not wait for the disk (health signals, schedules).</summary>
    void Record(EdgeEvent change);

    /// <summary>
    /// Records the change and completes once it (and what follows from it, such as the status
    /// outbox row) is committed; throws when it could not be stored. For writes a caller is told
    /// were accepted: a 2xx must never be taken back by a crash.
    /// </summary>
    Task RecordAsync(EdgeEvent change, CancellationToken cancellationToken)
    {
        Record(change);
        return Task.CompletedTask;
    }
}
