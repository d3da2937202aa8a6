namespace StatusSite.Data;

/// <summary>One queued notice: an incident update (UpdateId set) or a component change (Old/New set).</summary>
internal sealed record Notice(
    long Id, string Kind, string SubjectId, string? UpdateId, string? OldStatus, string? NewStatus, DateTimeOffset CreatedAt);
