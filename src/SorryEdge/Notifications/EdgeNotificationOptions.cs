using MailOutbox;

namespace SorryEdge.Notifications;

/// <summary>Notification mail, section <c>Edge:Notifications</c>: the relay, staff addresses and the digest window.</summary>
internal sealed class EdgeNotificationOptions
{
    public const string SectionName = "Edge:Notifications";

    /// <summary>The relay (<c>Edge:Notifications:Smtp:Host</c>, Port, StartTls, User, Password, From).</summary>
    public SmtpRelayOptions Smtp { get; set; } = new();

    /// <summary>Staff addresses told of every site's published changes, in digests.</summary>
    public string[] StaffAddresses { get; set; } = [];

    /// <summary>Staff changes are collected this long from the first one, then sent as one mail (a rack failing is one digest).</summary>
    public int DigestSeconds { get; set; } = 60;

    public IEnumerable<string> Validate()
    {
        foreach (var error in Smtp.Validate(SectionName + ":Smtp"))
        {
            yield return error;
        }

        for (var i = 0; i < StaffAddresses.Length; i++)
        {
            if (!MailAddressRule.IsValid(StaffAddresses[i]))
            {
                yield return $"{SectionName}:StaffAddresses:{i} must be an e-mail address, got '{StaffAddresses[i]}'.";
            }
        }

        if (DigestSeconds is < 1 or > 3600)
        {
            yield return $"{SectionName}:DigestSeconds must be 1–3600.";
        }
    }
}
