namespace SorryEdge.Events;

/// <summary>
/// Something that must learn of every event atomically with it: called inside the event's
/// transaction, so the event and what follows from it are stored together or not at all.
/// </summary>
internal interface IEventFollower
{
    /// <summary>
    /// Called on the recording thread when the change happens: the write to run in the event's
    /// transaction, holding what the follower needs to know of that moment (the event is stored a
    /// little later, in a batch). Null: nothing to do.
    /// </summary>
    EventFollowUp? Capture(EdgeEvent change);

    /// <summary>Called after the transaction committed.</summary>
    void AfterCommit();
}
