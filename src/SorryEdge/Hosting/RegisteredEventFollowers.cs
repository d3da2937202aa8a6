using SorryEdge.Events;

namespace SorryEdge.Hosting;

/// <summary>
/// The registered <see cref="IEventFollower"/>s, resolved on the first event, once the recorder
/// exists: this wiring, not the followers, breaks the recorder ↔ follower constructor cycle
/// (the status and notification outboxes read the publisher and the tracker, which record events).
/// </summary>
internal sealed class RegisteredEventFollowers(IServiceProvider services) : IEventFollowers
{
    private readonly Lazy<IEventFollower[]> _all = new(() => [.. services.GetServices<IEventFollower>()]);

    public IReadOnlyList<IEventFollower> All => _all.Value;
}
