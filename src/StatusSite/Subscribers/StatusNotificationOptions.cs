using MailOutbox;

namespace StatusSite.Subscribers;

/// <summary>Subscriber notifications (Status:Notifications): relay, link signing, staff notices, limits.</summary>
internal sealed class StatusNotificationOptions
{
    public const string SectionName = "Status:Notifications";

    /// <summary>The SMTP relay (Status:Notifications:Smtp:Host, Port, StartTls, User, Password, From).</summary>
    public SmtpRelayOptions Smtp { get; set; } = new() { From = "status@localhost" };

    /// <summary>Key for signing confirm and unsubscribe links; when empty one is generated and kept in the data directory.</summary>
    public string? LinkKey { get; set; }

    /// <summary>Staff addresses told when a webhook is disabled after a day of failures.</summary>
    public string[] StaffAddresses { get; set; } = [];

    /// <summary>Subscription form posts allowed per client address per minute.</summary>
    public int SubscribePerMinute { get; set; } = 5;

    /// <summary>Longest wait between two calls of a failing webhook (backoff doubles from one second).</summary>
    public int WebhookMaxRetrySeconds { get; set; } = 300;

    /// <summary>A webhook failing for this long is disabled and staff are told.</summary>
    public int WebhookDisableAfterHours { get; set; } = 24;
}
