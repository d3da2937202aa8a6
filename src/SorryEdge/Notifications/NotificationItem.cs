namespace SorryEdge.Notifications;

/// <summary>One site change to tell of, composed when it happened: the customer's recipients get it at once, staff in a digest.</summary>
internal sealed record NotificationItem(string SiteId, string Subject, string Body, IReadOnlyList<string> Customers, bool Staff);
