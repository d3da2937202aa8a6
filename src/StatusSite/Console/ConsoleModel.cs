using StatusSite.Domain;

namespace StatusSite.Console;

/// <summary>What the console page shows: all components and all incidents including drafts.</summary>
internal sealed record ConsoleModel(
    string User,
    IReadOnlyList<Component> Components,
    IReadOnlyList<Incident> Incidents,
    string AntiforgeryToken,
    string Nonce,
    string? Message,
    bool IsError,
    IReadOnlyList<Subscribers.Subscriber>? Subscribers = null);
