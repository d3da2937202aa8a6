namespace SorryEdge.Events;

/// <summary>
/// Where cluster-wide events that no write carries (schedule transitions) are published: recorded
/// directly on a single node; in a cluster written once, by the overseer only.
/// </summary>
internal interface IPublishedEventSink
{
    Task PublishAsync(EdgeEvent change, CancellationToken cancellationToken);
}
