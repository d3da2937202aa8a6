namespace MailOutbox;

/// <summary>A message to queue: plain text, one recipient, optional extra headers (e.g. List-Unsubscribe).</summary>
public sealed record OutboxMail(string Recipient, string Subject, string TextBody, IReadOnlyDictionary<string, string>? Headers = null);
