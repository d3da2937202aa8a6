namespace SorryEdge.Events;

/// <summary>
/// The followers of recorded events, handed to the recorder by the composition root: followers
/// read services that record events themselves, so they cannot be the recorder's constructor
/// arguments, and the recorder asks for them only when the first event comes.
/// </summary>
internal interface IEventFollowers
{
    IReadOnlyList<IEventFollower> All { get; }
}
