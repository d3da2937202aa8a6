namespace StatusSite.Subscribers;

/// <summary>An e-mail or webhook subscriber; Components null means every component.</summary>
internal sealed record Subscriber(
    string Id,
    string Kind,
    string Address,
    IReadOnlyList<string>? Components,
    string? Secret,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmationSentAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DisabledAt)
{
    public const string Email = "email";
    public const string Webhook = "webhook";

    public bool Active => ConfirmedAt is not null && DisabledAt is null;

    /// <summary>Statuspage's rule: a subscriber to some components hears only of those (an incident: if it affects one).</summary>
    public bool Wants(IEnumerable<string> componentIds) => Components is null || componentIds.Any(Components.Contains);
}
