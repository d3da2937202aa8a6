namespace SorryEdge.Events;

/// <summary>The single node's sink: it is the whole cluster, so it records every event itself.</summary>
internal sealed class RecorderEventSink(IEventRecorder events) : IPublishedEventSink
{
    public Task PublishAsync(EdgeEvent change, CancellationToken cancellationToken)
    {
        events.Record(change);
        return Task.CompletedTask;
    }
}
