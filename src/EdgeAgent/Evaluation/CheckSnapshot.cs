namespace EdgeAgent.Evaluation;

/// <summary>What one check looks like after its latest result.</summary>
internal sealed record CheckSnapshot(
    string Name,
    string Kind,
    CheckStatus Status,
    bool Hard,
    bool Flapping,
    double PercentStateChange,
    double? Value,
    string Unit,
    string Message,
    DateTimeOffset Since,
    DateTimeOffset? LastRun,
    int Attempt)
{
    public string? PluginWarning { get; init; }

    public string? PluginCritical { get; init; }

    /// <summary>The status the verdict counts: soft states do not count until they turn hard.</summary>
    public CheckStatus Counted => Hard ? Status : CheckStatus.Ok;

    public static CheckSnapshot Pending(string name, string kind, DateTimeOffset now) =>
        new(name, kind, CheckStatus.Unknown, false, false, 0, null, string.Empty, "not run yet", now, null, 0);
}
