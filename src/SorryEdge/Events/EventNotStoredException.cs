namespace SorryEdge.Events;

/// <summary>An event a caller waited for could not be committed; the write must not be acknowledged.</summary>
internal sealed class EventNotStoredException(string message, Exception? inner) : Exception(message, inner);
