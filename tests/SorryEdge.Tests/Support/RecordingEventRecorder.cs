using System.Collections.Concurrent;
using SorryEdge.Events;

namespace SorryEdge.Tests.Support;

internal sealed class RecordingEventRecorder : IEventRecorder
{
    public ConcurrentQueue<EdgeEvent> Events { get; } = new();

    public void Record(EdgeEvent change) => Events.Enqueue(change);
}
