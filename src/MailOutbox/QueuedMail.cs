namespace MailOutbox;

/// <summary>A message as stored in the outbox; MessageId is fixed at queueing so every retry carries the same one.</summary>
public sealed record QueuedMail(
    long Id, string MessageId, string Recipient, string Subject, string TextBody,
    IReadOnlyDictionary<string, string> Headers, DateTimeOffset CreatedAt, int Attempts);
