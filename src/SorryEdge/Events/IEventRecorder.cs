namespace SorryEdge.Events;

/// <summary>
/// The one place state changes go: appended to the events table (the audit log), logged,
/// counted in metrics and queued for the status site.
/// </summary>
public interface IEventRecorder
{
    void Record(EdgeEvent change);
}
