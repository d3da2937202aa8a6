namespace StatusSite.Subscribers;

/// <summary>Body of POST /api/v1/subscribers: kind "email" or "webhook", the address or URL, optional component ids.</summary>
internal sealed record SubscriberRequest(string? Kind, string? Address, string[]? Components);
